//! `isnad export`: the corpus or a slice of it in the formats analysts' tools import. Flags
//! here, logic in `isnad-export`.

use crate::cli::{ExportArgs, ExportFormat};
use anyhow::{anyhow, Context, Result};
use isnad_export::{export, Format, Options, Selection, Slice, Tlp};
use std::io::Write;

pub fn run(args: &ExportArgs) -> Result<bool> {
    let tlp = Tlp::parse(&args.tlp)
        .ok_or_else(|| anyhow!("--tlp {:?}: use white, green, amber or red", args.tlp))?;
    let format = match args.format {
        ExportFormat::Stix => Format::Stix,
        ExportFormat::Graphml => Format::Graphml,
        ExportFormat::Ftm => Format::Ftm,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Jsonl => Format::Jsonl,
    };
    let options = Options {
        excel: args.excel,
        tlp,
    };
    let selection = Selection {
        entity: args.entity.clone(),
        story: args.story.clone(),
        query: args.query.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
    };
    let started = std::time::Instant::now();
    let slice = match crate::cmd::team::team_db(&args.data) {
        Some(url) => Slice::load(&crate::cmd::team::connect(url, 1)?, &selection)?,
        None => Slice::load(&crate::cmd::corpus::open_reader(&args.data)?, &selection)?,
    };
    let counts = match &args.output {
        Some(path) if format == Format::Csv && path.to_string_lossy().ends_with('/') => {
            isnad_export::write_tables_to_dir(&slice, &options, path)
                .with_context(|| format!("writing {}", path.display()))?
        }
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("creating {}", path.display()))?;
            let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
            let counts = export(&slice, format, &options, &mut out)
                .with_context(|| format!("writing {}", path.display()))?;
            out.flush()?;
            counts
        }
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            let counts = export(&slice, format, &options, &mut out)?;
            out.flush()?;
            counts
        }
    };
    eprintln!(
        "isnad: exported {} documents, {} entities, {} relations, {} negated, {} quotes, {} stories ({} {} objects) in {:.2} s",
        counts.documents,
        counts.entities,
        counts.relations,
        counts.negated,
        counts.quotes,
        counts.stories,
        counts.objects,
        format.name(),
        started.elapsed().as_secs_f64()
    );
    Ok(true)
}
