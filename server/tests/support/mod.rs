//! What the server's tests share. Each test binary uses a part of it.

pub mod app;
pub mod binary;
pub mod readme;
pub mod redis_server;
pub mod upstream;
