//! The averaged multiclass perceptron over hashed features: [`Perceptron`] learns,
//! [`Weights`] is the compact, pruned, read-only form that is shipped and used at run time.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::codec::{Decoder, Encoder};
use crate::ModelError;

/// A `Hasher` that passes a `u64` key through: feature keys are already well-mixed hashes.
#[derive(Default)]
pub struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A hash map keyed by already-hashed `u64`s (no re-hashing; deterministic).
pub type IdentityMap<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

/// One class weight of one feature during training, with its lazy-averaging bookkeeping.
#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    weight: f32,
    /// Sum of `weight` over all instances up to `stamp`.
    total: f64,
    /// The instance count when `total` was last brought up to date.
    stamp: u64,
}

/// The classes one feature has weights for (sparse: most features touch few classes).
#[derive(Clone, Default)]
struct Row {
    entries: Vec<Entry>,
    /// How many updates touched this feature (for pruning rare features).
    updates: u32,
}

/// What [`Perceptron::into_weights`] drops to make the shipped model small.
#[derive(Clone, Copy, Debug)]
pub struct Prune {
    /// Averaged weights with a smaller magnitude are dropped.
    pub min_abs: f32,
    /// Features touched by fewer updates than this are dropped.
    pub min_updates: u32,
}

impl Default for Prune {
    fn default() -> Self {
        Prune { min_abs: 1e-3, min_updates: 1 }
    }
}

/// An averaged multiclass perceptron being trained.
///
/// Features are `u64` keys (see [`crate::hash::feature`]); each feature has a sparse row of
/// per-class weights. Averaging is lazy (Daumé/Collins): every weight remembers when it last
/// changed, so an update costs O(features), not O(model).
pub struct Perceptron {
    n_classes: usize,
    index: IdentityMap<u32>,
    rows: Vec<Row>,
    /// Instances seen so far (every [`Perceptron::update`] call is one instance).
    time: u64,
    averaged: bool,
}

impl Perceptron {
    /// An empty model over `n_classes` classes (at most 65,535).
    pub fn new(n_classes: usize) -> Self {
        assert!(n_classes > 0 && n_classes < u16::MAX as usize, "1..65535 classes");
        Perceptron {
            n_classes,
            index: IdentityMap::default(),
            rows: Vec::new(),
            time: 0,
            averaged: false,
        }
    }

    /// The number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// The number of features with weights.
    pub fn n_features(&self) -> usize {
        self.rows.len()
    }

    /// Writes the score of every class into `out` (resized to `n_classes`): the sum of the
    /// current (or, after [`Perceptron::average`], averaged) weights of `feats`.
    pub fn scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.n_classes, 0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize].entries {
                    out[e.class as usize] += e.weight;
                }
            }
        }
    }

    /// Records one training instance: when `guess != truth`, adds 1 to the weights of
    /// `feats` for `truth` and subtracts 1 for `guess`. Call it for every instance, right
    /// or wrong, so that averaging counts them all.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        self.time += 1;
        if truth == guess {
            return;
        }
        let now = self.time;
        for &f in feats {
            let row = self.row_mut(f);
            row.updates = row.updates.saturating_add(1);
            Self::bump(row, truth as u16, 1.0, now);
            Self::bump(row, guess as u16, -1.0, now);
        }
    }

    /// Adds `delta` to the weights of `feats` for `class`: the building block of structured
    /// updates (a beam parser adds the gold sequence's features and subtracts the predicted
    /// one's). Does not advance the instance clock: call [`Perceptron::tick`] once per
    /// training instance.
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        let now = self.time;
        for &f in feats {
            let row = self.row_mut(f);
            row.updates = row.updates.saturating_add(1);
            Self::bump(row, class as u16, delta, now);
        }
    }

    /// Counts one training instance for averaging, with or without updates (see
    /// [`Perceptron::add`]).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// The row of feature `f`, created empty when new.
    fn row_mut(&mut self, f: u64) -> &mut Row {
        let r = match self.index.get(&f) {
            Some(&r) => r as usize,
            None => {
                self.index.insert(f, self.rows.len() as u32);
                self.rows.push(Row::default());
                self.rows.len() - 1
            }
        };
        &mut self.rows[r]
    }

    fn bump(row: &mut Row, class: u16, delta: f32, now: u64) {
        let e = match row.entries.iter_mut().position(|e| e.class == class) {
            Some(i) => &mut row.entries[i],
            None => {
                row.entries.push(Entry { class, weight: 0.0, total: 0.0, stamp: now });
                row.entries.last_mut().expect("just pushed")
            }
        };
        e.total += (now - e.stamp) as f64 * e.weight as f64;
        e.stamp = now;
        e.weight += delta;
    }

    /// Replaces every weight by its average over all instances seen. Training should not
    /// continue afterwards.
    pub fn average(&mut self) {
        if self.averaged {
            return;
        }
        let now = self.time.max(1);
        for row in &mut self.rows {
            for e in &mut row.entries {
                let total = e.total + (now - e.stamp) as f64 * e.weight as f64;
                e.weight = (total / now as f64) as f32;
                e.total = total;
                e.stamp = now;
            }
        }
        self.averaged = true;
    }

    /// Averages (if not yet done), prunes and packs the model into its run-time form.
    pub fn into_weights(mut self, prune: Prune) -> Weights {
        self.average();
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = Vec::with_capacity(self.rows.len());
        for (&key, &r) in &self.index {
            let row = &self.rows[r as usize];
            if row.updates < prune.min_updates {
                continue;
            }
            let mut entries: Vec<(u16, f32)> = row
                .entries
                .iter()
                .filter(|e| e.weight.abs() >= prune.min_abs)
                .map(|e| (e.class, e.weight))
                .collect();
            if entries.is_empty() {
                continue;
            }
            entries.sort_by_key(|e| e.0);
            rows.push((key, entries));
        }
        rows.sort_by_key(|r| r.0);
        Weights::from_rows(self.n_classes, &rows)
    }
}

/// Asks the CPU to start loading the cache line holding `x` (a hint; no effect elsewhere).
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint that never faults, and the pointer comes from a reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch(x as *const T as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// Rounds an `f32` to bfloat16 (the top 16 bits, round-to-nearest-even): 8 bits of
/// precision are plenty for perceptron weights and halve the model.
#[inline]
fn to_bf16(x: f32) -> u16 {
    let bits = x.to_bits();
    let round = 0x7fff + ((bits >> 16) & 1);
    (bits.wrapping_add(round) >> 16) as u16
}

#[inline(always)]
fn from_bf16(b: u32) -> f32 {
    f32::from_bits(b << 16)
}

/// The run-time form of a trained perceptron: an open-addressing table from feature key to
/// a packed sparse row of (class, bfloat16 weight) pairs. Read-only, compact, and scored
/// without allocating.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    n_classes: usize,
    /// `(fingerprint << 32) | offset`, 0 = empty. The slot is chosen by the key's low bits,
    /// the fingerprint is its high 32 bits (never 0).
    slots: Vec<u64>,
    /// At each row's offset a header: the number of entries, with [`DENSE`] set for a
    /// dense row. Then `class | bf16 << 16` per entry (sparse), or one bf16 per class, two
    /// per `u32` (dense).
    entries: Vec<u32>,
    /// The full key of each row, in `entries` order (ascending): for saving and re-pruning,
    /// never read while scoring.
    keys: Vec<u64>,
}

/// One row in packed form: `class | bf16 << 16` per entry.
type PackedRow = Vec<u32>;

/// Rows in packed form, concatenated (no allocation per row): row `r` is
/// `flat[ends[r]..ends[r + 1]]`.
struct Packed {
    keys: Vec<u64>,
    flat: Vec<u32>,
    ends: Vec<u32>,
}

impl Default for Packed {
    fn default() -> Self {
        Packed::with_capacity(0, 0)
    }
}

impl Packed {
    fn with_capacity(rows: usize, entries: usize) -> Packed {
        let mut ends = Vec::with_capacity(rows + 1);
        ends.push(0);
        Packed { keys: Vec::with_capacity(rows), flat: Vec::with_capacity(entries), ends }
    }

    /// Appends a row, unless it is empty.
    fn push(&mut self, key: u64, row: impl Iterator<Item = u32>) {
        self.flat.extend(row);
        if self.flat.len() as u32 != *self.ends.last().expect("starts with 0") {
            self.keys.push(key);
            self.ends.push(self.flat.len() as u32);
        }
    }
}

/// Row header flag: the row is stored densely (one bf16 per class, two per `u32`).
const DENSE: u32 = 1 << 31;
/// A row with at least `n_classes / DENSE_RATIO` entries is stored densely: adding a dense
/// row is a vectorised loop, faster than scattering that many entries.
const DENSE_RATIO: usize = 4;

impl Weights {
    fn from_rows(n_classes: usize, rows: &[(u64, Vec<(u16, f32)>)]) -> Weights {
        let mut packed = Packed::default();
        for (k, r) in rows {
            // A weight that rounds to ±0 is no weight (and would not survive a round trip
            // through a dense row).
            packed.push(
                *k,
                r.iter()
                    .map(|&(c, w)| c as u32 | (to_bf16(w) as u32) << 16)
                    .filter(|e| (e >> 16) & 0x7fff != 0),
            );
        }
        Self::from_packed(n_classes, packed)
    }

    /// Builds the table from rows sorted by key (the order fixes the layout, so the same
    /// rows always give the same table).
    fn from_packed(n_classes: usize, packed: Packed) -> Weights {
        let n_rows = packed.keys.len();
        // Load factor between 0.33 and 0.67: short probes, and half the memory of a
        // sparser table (fewer cache misses, which dominate scoring).
        let cap = (n_rows * 3 / 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![0u64; cap];
        let mut entries = Vec::with_capacity(packed.flat.len() + n_rows);
        let mut keys = Vec::with_capacity(n_rows);
        let dense_len = n_classes.div_ceil(2);
        for r in 0..n_rows {
            let key = packed.keys[r];
            let row = &packed.flat[packed.ends[r] as usize..packed.ends[r + 1] as usize];
            let fp = ((key >> 32) as u32) | 1;
            let mut i = (key as usize) & mask;
            loop {
                let s = slots[i];
                if s == 0 {
                    slots[i] = ((fp as u64) << 32) | entries.len() as u64;
                    if row.len() * DENSE_RATIO >= n_classes {
                        // Dense: bf16 pairs for classes (2j, 2j+1), added with SIMD.
                        entries.push(DENSE | row.len() as u32);
                        let start = entries.len();
                        entries.resize(start + dense_len, 0);
                        for &e in row {
                            let c = (e & 0xffff) as usize;
                            entries[start + c / 2] |= (e >> 16) << (16 * (c % 2));
                        }
                    } else {
                        entries.push(row.len() as u32);
                        entries.extend_from_slice(row);
                    }
                    keys.push(key);
                    break;
                }
                if (s >> 32) as u32 == fp {
                    // Same probe chain and fingerprint: indistinguishable at run time; the
                    // first row wins (a harmless hash collision).
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        Weights { n_classes, slots, entries, keys }
    }

    /// The number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// The number of features with weights.
    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// Heap bytes used by the table.
    pub fn heap_bytes(&self) -> usize {
        self.slots.len() * 8 + self.entries.len() * 4 + self.keys.len() * 8
    }

    /// The rows as (key, sparse packed entries), ascending by key.
    fn rows(&self) -> impl Iterator<Item = (u64, PackedRow)> + '_ {
        let mut off = 0;
        self.keys.iter().map(move |&k| {
            let header = self.entries[off];
            let row: PackedRow = if header & DENSE != 0 {
                let dense = &self.entries[off + 1..off + 1 + self.n_classes.div_ceil(2)];
                off += 1 + dense.len();
                (0..self.n_classes)
                    .map(|c| c as u32 | ((dense[c / 2] >> (16 * (c % 2))) & 0xffff) << 16)
                    .filter(|e| e >> 16 != 0)
                    .collect()
            } else {
                let len = header as usize;
                off += 1 + len;
                self.entries[off - len..off].to_vec()
            };
            (k, row)
        })
    }

    /// A copy without the weights smaller than `min_abs` (and without rows left empty): the
    /// size/accuracy trade-off can be tuned after training.
    pub fn pruned(&self, min_abs: f32) -> Weights {
        let mut packed = Packed::default();
        for (k, r) in self.rows() {
            if r.iter().any(|&e| from_bf16(e >> 16).abs() >= min_abs) {
                packed.push(k, r.into_iter().filter(|&e| from_bf16(e >> 16).abs() >= min_abs));
            }
        }
        Self::from_packed(self.n_classes, packed)
    }

    /// Writes the score of every class into `out` (resized to `n_classes`).
    ///
    /// The lookups are memory-bound (a model is larger than the cache), so they run in three
    /// passes over batches of features: prefetch every home slot, resolve the rows and
    /// prefetch them, then add them up. The CPU then waits for many cache misses at once
    /// instead of one after another.
    #[inline]
    pub fn scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.n_classes, 0.0);
        let mask = self.slots.len() - 1;
        const BATCH: usize = 64;
        let mut offs = [u32::MAX; BATCH];
        for chunk in feats.chunks(BATCH) {
            for &f in chunk {
                prefetch(&self.slots[(f as usize) & mask]);
            }
            for (i, &f) in chunk.iter().enumerate() {
                offs[i] = self.find(f);
                if offs[i] != u32::MAX {
                    prefetch(&self.entries[offs[i] as usize]);
                }
            }
            for &off in &offs[..chunk.len()] {
                if off == u32::MAX {
                    continue;
                }
                let off = off as usize;
                let header = self.entries[off];
                if header & DENSE != 0 {
                    let dense = &self.entries[off + 1..off + 1 + self.n_classes.div_ceil(2)];
                    let mut pairs = out.chunks_exact_mut(2);
                    for (o, &p) in (&mut pairs).zip(dense) {
                        o[0] += from_bf16(p & 0xffff);
                        o[1] += from_bf16(p >> 16);
                    }
                    if let ([last], Some(&p)) = (pairs.into_remainder(), dense.last()) {
                        *last += from_bf16(p & 0xffff);
                    }
                } else {
                    let len = header as usize;
                    for &e in &self.entries[off + 1..off + 1 + len] {
                        // `class < n_classes` is checked when the model is built or loaded.
                        out[(e & 0xffff) as usize] += from_bf16(e >> 16);
                    }
                }
            }
        }
    }

    /// The offset of `key`'s row in `entries`, or `u32::MAX`.
    #[inline(always)]
    fn find(&self, key: u64) -> u32 {
        let mask = self.slots.len() - 1;
        let fp = ((key >> 32) as u32) | 1;
        let mut i = (key as usize) & mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return u32::MAX;
            }
            if (s >> 32) as u32 == fp {
                return (s & 0xffff_ffff) as u32;
            }
            i = (i + 1) & mask;
        }
    }

    /// Appends the weights to a model file: rows ascending by key, keys delta-coded.
    pub fn write(&self, enc: &mut Encoder) {
        enc.u32(self.n_classes as u32);
        enc.u64(self.keys.len() as u64);
        let mut prev = 0u64;
        for (key, entries) in self.rows() {
            enc.varint(key - prev);
            prev = key;
            enc.varint(entries.len() as u64);
            for &e in &entries {
                enc.varint((e & 0xffff) as u64);
                enc.u16((e >> 16) as u16);
            }
        }
    }

    /// Reads weights written by [`Weights::write`], checking every class index and length.
    pub fn read(dec: &mut Decoder) -> Result<Weights, ModelError> {
        let n_classes = dec.u32()? as usize;
        if n_classes == 0 || n_classes >= u16::MAX as usize {
            return Err(dec.corrupt(format!("{n_classes} classes")));
        }
        let n = dec.u64()? as usize;
        // Each row takes at least 4 bytes: a guard against absurd allocations.
        if n > dec.remaining() / 4 {
            return Err(dec.corrupt(format!("{n} rows do not fit in the file")));
        }
        let mut packed = Packed::with_capacity(n, n * 3);
        let mut key = 0u64;
        for i in 0..n {
            let delta = dec.varint()?;
            if i > 0 && delta == 0 {
                return Err(dec.corrupt("feature keys not ascending"));
            }
            key = key.checked_add(delta).ok_or_else(|| dec.corrupt("feature keys overflow"))?;
            let len = dec.varint()? as usize;
            if len == 0 || len > n_classes {
                return Err(dec.corrupt(format!("row of {len} entries")));
            }
            for _ in 0..len {
                let class = dec.varint()?;
                if class >= n_classes as u64 {
                    return Err(dec.corrupt(format!("class {class} of {n_classes}")));
                }
                let w = dec.u16()?;
                packed.flat.push(class as u32 | (w as u32) << 16);
            }
            packed.keys.push(key);
            packed.ends.push(packed.flat.len() as u32);
        }
        Ok(Self::from_packed(n_classes, packed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::feature;

    #[test]
    fn learns_a_separable_problem_and_survives_packing() {
        // Class = template of the single informative feature.
        let mut p = Perceptron::new(3);
        let data: Vec<(Vec<u64>, usize)> = (0..60)
            .map(|i| (vec![feature(i % 3, &[]), feature(9, &[i as u64])], (i % 3) as usize))
            .collect();
        let mut out = Vec::new();
        for _ in 0..5 {
            for (f, y) in &data {
                p.scores(f, &mut out);
                let g = argmax(&out);
                p.update(f, *y, g);
            }
        }
        let w = p.into_weights(Prune::default());
        for (f, y) in &data {
            w.scores(f, &mut out);
            assert_eq!(argmax(&out), *y);
        }
        let mut enc = Encoder::new("test", 1);
        w.write(&mut enc);
        let mut bytes = Vec::new();
        enc.finish(&mut bytes).unwrap();
        let (mut dec, _) = Decoder::open(&bytes[..], "test", 1).unwrap();
        let w2 = Weights::read(&mut dec).unwrap();
        dec.end().unwrap();
        assert_eq!(w, w2);
    }

    fn argmax(v: &[f32]) -> usize {
        let mut best = 0;
        for (i, &x) in v.iter().enumerate() {
            if x > v[best] {
                best = i;
            }
        }
        best
    }

    #[test]
    fn bf16_round_trips_closely() {
        for x in [0.0f32, 1.0, -2.5, 0.001, 123.456] {
            let y = from_bf16(to_bf16(x) as u32);
            assert!((x - y).abs() <= x.abs() / 128.0, "{x} -> {y}");
        }
    }
}
