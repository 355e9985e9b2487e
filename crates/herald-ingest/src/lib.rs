//! Readers that turn files into articles (placeholder: being written).
#![deny(missing_docs)]
