//! [`Interner`]: a label table mapping strings (tags, relations, entity labels) to dense
//! `u32` ids, the class indices of a [`crate::Perceptron`].

use std::collections::HashMap;

use crate::codec::{Decoder, Encoder};
use crate::ModelError;

/// A bidirectional string ↔ dense id table. Ids are assigned in insertion order, so a table
/// built from the same data in the same order is identical.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }

    /// The id of `name`, if present.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    /// The name of `id`. Panics if `id` was not issued by this table.
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// The number of names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The names in id order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Appends the table to a model file.
    pub fn write(&self, enc: &mut Encoder) {
        enc.strs(&self.names);
    }

    /// Reads a table written by [`Interner::write`]; duplicate names are an error.
    pub fn read(dec: &mut Decoder) -> Result<Interner, ModelError> {
        let mut table = Interner::new();
        for name in dec.strings()? {
            if table.get(&name).is_some() {
                return Err(dec.corrupt(format!("label {name:?} twice")));
            }
            table.intern(&name);
        }
        Ok(table)
    }
}

impl<S: AsRef<str>> FromIterator<S> for Interner {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut t = Interner::new();
        for s in iter {
            t.intern(s.as_ref());
        }
        t
    }
}
