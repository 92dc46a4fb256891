//! Runs the fake ArchivesSpace backend on 127.0.0.1 until Ctrl-C, for trying
//! the other examples without a real server.
//!
//! ```text
//! cargo run --example fake_server -- --port 8089 --records 5000
//! ```

use std::time::Duration;

use archivesspace_fake::{FakeConfig, FakeServer};
use clap::Parser;

#[derive(Parser)]
#[command(about = "Serve a fake ArchivesSpace backend on 127.0.0.1")]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8089)]
    port: u16,
    /// Archival objects to seed in repository 2.
    #[arg(long, default_value_t = 1000)]
    records: usize,
    /// Seed for the generated records.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Delay every response by this many milliseconds.
    #[arg(long, default_value_t = 0)]
    delay_ms: u64,
    /// Fail this share of requests (0.0-1.0) with 503.
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let server = FakeServer::start_on_port(
        FakeConfig::default().records(args.records).seed(args.seed),
        args.port,
    )
    .await?;
    server.set_delay(Duration::from_millis(args.delay_ms));
    server.set_error_rate(args.error_rate, 503);
    eprintln!(
        "fake ArchivesSpace at {} (user {:?}, password {:?}); Ctrl-C to stop",
        server.base_url(),
        server.username(),
        server.password()
    );
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = server.wait() => {}
    }
    Ok(())
}
