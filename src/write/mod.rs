//! Stage 5, writing: a set of rendered files goes either to disk, replacing the output folder
//! atomically and only if the build succeeded (`disk`), or into memory (`memory`).

pub mod disk;
pub mod memory;
