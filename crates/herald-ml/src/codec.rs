//! The model file container: a gzip-compressed, versioned, little-endian binary stream.
//!
//! Layout: magic `HERALDMF`, format version (u32), model kind (a string such as `"tagger"`),
//! model version (u32), then the model's own sections. Every reader check names the section
//! it was reading, so a truncated or corrupt file gives a [`ModelError`] that says where,
//! never a panic.

use std::io::{Read, Write};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::ModelError;

const MAGIC: &[u8; 8] = b"HERALDMF";
const FORMAT_VERSION: u32 = 1;
/// Decompressed model files larger than this are refused (a guard against gzip bombs).
const MAX_DECOMPRESSED: u64 = 1 << 30;

/// Builds a model file in memory; [`Encoder::finish`] compresses it to a writer.
pub struct Encoder {
    buf: Vec<u8>,
}

impl Encoder {
    /// Starts a model file of `kind` at model version `version`.
    pub fn new(kind: &str, version: u32) -> Encoder {
        let mut enc = Encoder { buf: Vec::with_capacity(1 << 20) };
        enc.buf.extend_from_slice(MAGIC);
        enc.u32(FORMAT_VERSION);
        enc.str(kind);
        enc.u32(version);
        enc
    }

    /// Appends one byte.
    pub fn u8(&mut self, x: u8) {
        self.buf.push(x);
    }
    /// Appends a little-endian `u16`.
    pub fn u16(&mut self, x: u16) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    /// Appends a little-endian `u32`.
    pub fn u32(&mut self, x: u32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    /// Appends a little-endian `u64`.
    pub fn u64(&mut self, x: u64) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    /// Appends a little-endian `f32`.
    pub fn f32(&mut self, x: f32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    /// Appends an unsigned LEB128 varint (small numbers take one byte).
    pub fn varint(&mut self, mut x: u64) {
        while x >= 0x80 {
            self.buf.push((x as u8) | 0x80);
            x >>= 7;
        }
        self.buf.push(x as u8);
    }
    /// Appends a length-prefixed UTF-8 string.
    pub fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
    /// Appends a length-prefixed list of strings.
    pub fn strs<S: AsRef<str>>(&mut self, items: &[S]) {
        self.varint(items.len() as u64);
        for s in items {
            self.str(s.as_ref());
        }
    }

    /// Compresses the file into `w`.
    pub fn finish<W: Write>(self, w: W) -> Result<(), ModelError> {
        let mut gz = GzEncoder::new(w, Compression::best());
        gz.write_all(&self.buf)?;
        gz.finish()?;
        Ok(())
    }
}

/// Reads a model file written by [`Encoder`], section by section.
pub struct Decoder {
    buf: Vec<u8>,
    pos: usize,
    kind: String,
    section: &'static str,
}

impl Decoder {
    /// Decompresses a model file and checks its header: it must be a herald model of `kind`
    /// with a model version of at most `max_version`. Returns the decoder and the version.
    pub fn open<R: Read>(r: R, kind: &str, max_version: u32) -> Result<(Decoder, u32), ModelError> {
        let mut buf = Vec::new();
        GzDecoder::new(r)
            .take(MAX_DECOMPRESSED)
            .read_to_end(&mut buf)
            .map_err(|e| ModelError::Compression { kind: kind.to_string(), source: e })?;
        let mut dec = Decoder { buf, pos: 0, kind: kind.to_string(), section: "header" };
        if dec.take(8).ok() != Some(&MAGIC[..]) {
            return Err(ModelError::NotAModel);
        }
        let format = dec.u32()?;
        if format != FORMAT_VERSION {
            return Err(ModelError::UnsupportedVersion {
                kind: "model file format".into(),
                found: format,
                supported: FORMAT_VERSION,
            });
        }
        let found = dec.string()?;
        if found != kind {
            return Err(ModelError::WrongKind { expected: kind.to_string(), found });
        }
        let version = dec.u32()?;
        if version == 0 || version > max_version {
            return Err(ModelError::UnsupportedVersion {
                kind: kind.to_string(),
                found: version,
                supported: max_version,
            });
        }
        Ok((dec, version))
    }

    /// Names the section being read, for error messages.
    pub fn section(&mut self, name: &'static str) {
        self.section = name;
    }

    /// Bytes left to read.
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// An error saying the current section is corrupt.
    pub fn corrupt(&self, detail: impl Into<String>) -> ModelError {
        ModelError::Corrupt {
            kind: self.kind.clone(),
            section: self.section,
            detail: detail.into(),
        }
    }

    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        if self.remaining() < n {
            return Err(ModelError::Truncated { kind: self.kind.clone(), section: self.section });
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// Reads one byte.
    pub fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    /// Reads a little-endian `u16`.
    pub fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().expect("2 bytes")))
    }
    /// Reads a little-endian `u32`.
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }
    /// Reads a little-endian `u64`.
    pub fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }
    /// Reads a little-endian `f32`.
    pub fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }
    /// Reads an unsigned LEB128 varint.
    pub fn varint(&mut self) -> Result<u64, ModelError> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            x |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Ok(x);
            }
        }
        Err(self.corrupt("varint longer than 64 bits"))
    }
    /// Reads a length (a varint) that must not exceed the bytes left, so that a corrupt
    /// length cannot make the reader allocate without bound.
    pub fn length(&mut self) -> Result<usize, ModelError> {
        let n = self.varint()?;
        if n > self.remaining() as u64 {
            return Err(self.corrupt(format!("length {n} exceeds the file")));
        }
        Ok(n as usize)
    }
    /// Reads a length-prefixed UTF-8 string.
    pub fn string(&mut self) -> Result<String, ModelError> {
        let n = self.length()?;
        let bytes = self.take(n)?.to_vec();
        String::from_utf8(bytes).map_err(|_| self.corrupt("string is not UTF-8"))
    }
    /// Reads a length-prefixed list of strings.
    pub fn strings(&mut self) -> Result<Vec<String>, ModelError> {
        let n = self.length()?;
        (0..n).map(|_| self.string()).collect()
    }

    /// Checks that the whole file was read.
    pub fn end(&self) -> Result<(), ModelError> {
        if self.remaining() != 0 {
            return Err(ModelError::Corrupt {
                kind: self.kind.clone(),
                section: "end",
                detail: format!("{} unexpected trailing bytes", self.remaining()),
            });
        }
        Ok(())
    }
}
