//! Corrupt or truncated model files give errors, never panics.

use flate2::write::GzEncoder;
use herald_ml::{hash, Decoder, Encoder, Interner, ModelError, Perceptron, Prune, Weights};
use std::io::Write;

fn model_bytes() -> (Vec<u8>, Vec<u8>) {
    let mut p = Perceptron::new(4);
    for i in 0..200u64 {
        let f = [hash::feature(1, &[i % 17]), hash::feature(2, &[i % 5])];
        p.update(&f, (i % 4) as usize, ((i + 1) % 4) as usize);
    }
    let labels: Interner = ["a", "b", "c", "d"].into_iter().collect();
    let mut enc = Encoder::new("toy", 1);
    labels.write(&mut enc);
    p.into_weights(Prune::default()).write(&mut enc);
    let mut gz = Vec::new();
    enc.finish(&mut gz).unwrap();
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_end_helper(&mut raw);
    (gz, raw)
}

trait ReadAll {
    fn read_to_end_helper(self, out: &mut Vec<u8>);
}
impl<R: std::io::Read> ReadAll for R {
    fn read_to_end_helper(mut self, out: &mut Vec<u8>) {
        self.read_to_end(out).unwrap();
    }
}

fn load(bytes: &[u8]) -> Result<(), ModelError> {
    let (mut dec, _) = Decoder::open(bytes, "toy", 1)?;
    Interner::read(&mut dec)?;
    Weights::read(&mut dec)?;
    dec.end()
}

fn gzip(raw: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(raw).unwrap();
    gz.finish().unwrap()
}

#[test]
fn every_truncation_is_an_error() {
    let (gz, raw) = model_bytes();
    load(&gz).unwrap();
    for n in 0..gz.len() {
        assert!(load(&gz[..n]).is_err(), "compressed prefix {n}");
    }
    for n in 0..raw.len() {
        let e = load(&gzip(&raw[..n])).unwrap_err();
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn flipped_bytes_never_panic() {
    let (_, raw) = model_bytes();
    for i in 0..raw.len() {
        for x in [0x01u8, 0x80, 0xff] {
            let mut bad = raw.clone();
            bad[i] ^= x;
            let _ = load(&gzip(&bad));
        }
    }
}

#[test]
fn wrong_kind_and_garbage_are_named() {
    let (gz, _) = model_bytes();
    let e = Decoder::open(&gz[..], "parser", 1).err().unwrap();
    assert!(e.to_string().contains("expected a parser model"), "{e}");
    let e = load(b"hello").unwrap_err();
    assert!(matches!(e, ModelError::Compression { .. }), "{e}");
    let e = load(&gzip(b"not a model at all")).unwrap_err();
    assert!(matches!(e, ModelError::NotAModel), "{e}");
}
