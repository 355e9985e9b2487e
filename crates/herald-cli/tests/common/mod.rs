//! Helpers shared by the end-to-end tests: run the binary on a store, read its output.
// Each test file uses its own subset of the helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `herald --db DB ARGS...` with `HERALD_DB` unset.
pub fn herald(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_herald"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("HERALD_DB")
        .output()
        .expect("herald runs")
}

/// A path inside the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
