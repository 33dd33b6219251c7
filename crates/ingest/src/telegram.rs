//! `.json`: Telegram Desktop exports (one channel's `result.json`, or a full export with
//! `chats.list`), and plain arrays of article objects.

use crate::jsonl::Line;
use crate::{
    non_empty, normalize_date, read_bounded, DocReader, Ids, IngestError, Limits, Location, Origin,
    RawDoc, RecordError,
};
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    id: Option<u64>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    text: Option<Value>,
    #[serde(default)]
    text_entities: Option<Vec<Value>>,
}

pub(crate) fn read(path: &Path, ids: Ids, limits: Limits) -> Result<DocReader, IngestError> {
    let bytes = match read_bounded(path, limits.max_json_bytes, "--max-json-mb")? {
        Ok(b) => b,
        Err(e) => return Ok(DocReader::new(std::iter::once(Err(e)))),
    };
    let text = match crate::decode(path, &bytes, Location::Whole) {
        Ok(t) => t,
        Err(e) => return Ok(DocReader::new(std::iter::once(Err(e)))),
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            let line = u64::try_from(e.line()).unwrap_or(0);
            return Ok(one_error(
                path,
                Location::Line(line),
                format!("malformed JSON: {e}"),
            ));
        }
    };
    let records = match value {
        Value::Object(mut top) => {
            if top.contains_key("messages") {
                read_chat(path, &ids, Value::Object(top))
            } else if let Some(Value::Array(list)) = top
                .get_mut("chats")
                .and_then(|c| c.get_mut("list"))
                .map(Value::take)
            {
                list.into_iter()
                    .flat_map(|chat| read_chat(path, &ids, chat))
                    .collect()
            } else {
                return Err(IngestError::Unsupported {
                    path: path.to_path_buf(),
                });
            }
        }
        Value::Array(items) => read_articles(path, &ids, items),
        _ => {
            return Err(IngestError::Unsupported {
                path: path.to_path_buf(),
            })
        }
    };
    Ok(DocReader::new(records.into_iter()))
}

fn one_error(path: &Path, location: Location, message: String) -> DocReader {
    DocReader::new(std::iter::once(Err(RecordError::new(
        path, location, message,
    ))))
}

fn read_articles(path: &Path, ids: &Ids, items: Vec<Value>) -> Vec<Result<RawDoc, RecordError>> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let n = i as u64 + 1;
            let here = Location::Item(n);
            let line: Line = serde_json::from_value(item)
                .map_err(|e| RecordError::new(path, here, format!("not an article object: {e}")))?;
            line.into_doc(path, here, || ids.record(n))
        })
        .collect()
}

/// One chat's messages. The header fields are read one by one and leniently: a `name` that
/// is not a string or an odd `id` costs that field (the channel is then named after the
/// file), never the messages.
fn read_chat(path: &Path, ids: &Ids, chat: Value) -> Vec<Result<RawDoc, RecordError>> {
    let Value::Object(mut chat) = chat else {
        return vec![Err(RecordError::new(
            path,
            Location::Whole,
            "not a Telegram chat: not an object",
        ))];
    };
    let messages = match chat.get_mut("messages").map(Value::take) {
        Some(Value::Array(m)) => m,
        None | Some(Value::Null) => Vec::new(),
        Some(_) => {
            return vec![Err(RecordError::new(
                path,
                Location::Whole,
                "not a Telegram chat: `messages` is not an array",
            ))]
        }
    };
    let outlet = non_empty(chat.get("name").and_then(Value::as_str));
    let channel = match chat.get("id") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) if !s.trim().is_empty() => slug(s),
        _ => outlet
            .as_deref()
            .map(slug)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| ids.stem.clone()),
    };
    let mut out = Vec::new();
    for (i, message) in messages.into_iter().enumerate() {
        let message: Message = match serde_json::from_value(message) {
            Ok(m) => m,
            Err(e) => {
                out.push(Err(RecordError::new(
                    path,
                    Location::Item(i as u64 + 1),
                    format!("malformed message: {e}"),
                )));
                continue;
            }
        };
        if message.kind.as_deref().is_some_and(|k| k != "message") {
            continue;
        }
        let Some(id) = message.id else {
            out.push(Err(RecordError::new(
                path,
                Location::Item(i as u64 + 1),
                "message without an id",
            )));
            continue;
        };
        let mut text = String::new();
        match (&message.text, &message.text_entities) {
            (Some(t), _) if !is_blank(t) => flatten(t, &mut text),
            (_, Some(entities)) => entities.iter().for_each(|e| flatten(e, &mut text)),
            _ => {}
        }
        // Photos, stickers and polls without a caption carry no text to analyse.
        if text.trim().is_empty() {
            continue;
        }
        out.push(Ok(RawDoc {
            id: format!("tg-{channel}-{id}"),
            text,
            title: None,
            url: None,
            published: non_empty(message.date.as_deref()).map(|d| normalize_date(&d)),
            outlet: outlet.clone(),
            origin: Origin {
                file: path.to_path_buf(),
                location: Location::Message(id),
            },
        }));
    }
    out
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => true,
    }
}

/// Telegram's `text` is a string, or an array of strings and `{type, text}` entity objects
/// (links, bold, mentions...) whose concatenation is the message.
fn flatten(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => out.push_str(s),
        Value::Array(parts) => parts.iter().for_each(|p| flatten(p, out)),
        Value::Object(o) => {
            if let Some(t) = o.get("text") {
                flatten(t, out);
            }
        }
        _ => {}
    }
}

/// A channel name turned into an id fragment: letters and digits kept (any script), runs of
/// anything else become one `-`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}
