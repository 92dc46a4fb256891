//! `cargo xtask fake-server`: the fake ArchivesSpace (`archivesspace-fake`),
//! standalone.

use std::path::Path;

use anyhow::Result;
use clap::Args;

#[derive(Args, Clone, Debug)]
pub struct FakeServerArgs {
    /// Port on 127.0.0.1 (0 picks a free one). The server's URL is the first
    /// line on standard output once it listens.
    #[arg(long, default_value_t = 8089)]
    pub port: u16,
    /// Archival objects to seed in repository 2 (ids 1..=N).
    #[arg(long, default_value_t = 1000)]
    pub records: usize,
    /// Delay every response by this many milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Answer this share of requests (0.0–1.0) with a 503.
    #[arg(long, default_value_t = 0.0)]
    pub fail_rate: f64,
    /// Sessions expire this many seconds after login (412 SESSION_EXPIRED).
    #[arg(long, value_name = "SECONDS")]
    pub expire_after: Option<u64>,
    /// Seed for the generated records.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Serves until Ctrl-C.
pub fn run(args: FakeServerArgs, _workspace: &Path) -> Result<()> {
    serve(args)
}

fn serve(args: FakeServerArgs) -> Result<()> {
    use std::io::Write;
    use std::time::Duration;

    use anyhow::Context;
    use archivesspace_fake::{FakeConfig, FakeServer};

    let runtime = tokio::runtime::Runtime::new().context("starting tokio")?;
    runtime.block_on(async {
        let mut config = FakeConfig::default().records(args.records).seed(args.seed);
        if let Some(seconds) = args.expire_after {
            config = config.session_ttl(Duration::from_secs(seconds));
        }
        let server = FakeServer::start_on_port(config, args.port)
            .await
            .with_context(|| format!("listening on 127.0.0.1:{}", args.port))?;
        server.set_delay(Duration::from_millis(args.latency_ms));
        server.set_error_rate(args.fail_rate, 503);
        // Whoever started us with port 0 learns the port from this line.
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{}", server.base_url())?;
        stdout.flush()?;
        drop(stdout);
        eprintln!(
            "fake ArchivesSpace at {} with {} archival objects in repository 2 \
             (user {:?}, password {:?}); Ctrl-C to stop",
            server.base_url(),
            args.records,
            server.username(),
            server.password()
        );
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = server.wait() => {}
        }
        Ok(())
    })
}
