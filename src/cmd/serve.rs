//! `isnad serve`: flags here, the server in `isnad-serve`.

use crate::cli::ServeArgs;
use anyhow::{anyhow, Context, Result};
use isnad_analysis::{Analyzer, Models};
use isnad_corpus::Corpus;

pub fn run(args: &ServeArgs) -> Result<bool> {
    let team = crate::cmd::team::team_db(&args.data).map(str::to_string);
    let data = match (&args.data.data, &team) {
        (Some(d), _) => d.clone(),
        (None, Some(_)) => std::path::PathBuf::new(),
        (None, None) => Corpus::default_dir()?,
    };
    // What the log and errors name: the directory, or the database without its password.
    let place = match &team {
        Some(url) => format!("team database {}", redact(url)),
        None => data.display().to_string(),
    };
    // The server lives as long as the process: the models, the knowledge base and the
    // analyzer borrowing them are leaked once so that handlers can share them as 'static.
    let kb: &'static isnad_kb::Kb = Box::leak(Box::new(crate::cmd::kb::load(None)?));
    let models: &'static Models = Box::leak(Box::new(Models::default()));
    let analyzer: &'static Analyzer<'static> = Box::leak(Box::new(models.builder().kb(kb).build()));
    let mut config = isnad_serve::Config::new(data.clone(), analyzer);
    config.db = team;
    config.bind = args.bind;
    config.read_only = args.read_only;
    config.cors = args.cors.clone();
    config.timeout = std::time::Duration::from_secs(args.timeout.max(1));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let server = isnad_serve::start(config)
            .await
            .map_err(|e| anyhow!("{}", e.message))
            .with_context(|| format!("serving {place}"))?;
        match (&server.token, server.token_created) {
            (Some(token), true) => eprintln!(
                "isnad serve: write token (kept in {}, mode 0600): {token}",
                data.join(isnad_serve::TOKEN_FILE).display()
            ),
            (Some(_), false) => eprintln!(
                "isnad serve: writes need the token in {}",
                data.join(isnad_serve::TOKEN_FILE).display()
            ),
            (None, _) => eprintln!("isnad serve: read-only"),
        }
        eprintln!("isnad serve: http://{}/ ({place})", server.addr);
        server.run(shutdown_signal()).await.context("serving")?;
        eprintln!("isnad serve: stopped");
        Ok(true)
    })
}

/// A database URL without its password (`postgres://user:secret@host` → `user:…@host`).
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) if user.contains(':') => {
            let name = user.split(':').next().unwrap_or("");
            format!("{scheme}://{name}:…@{host}")
        }
        _ => url.to_string(),
    }
}

/// Resolves at SIGINT (Ctrl-C) or SIGTERM, so requests in flight finish before the exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
