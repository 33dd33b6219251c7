//! `.json`: Telegram Desktop exports (one channel's `result.json`, or a full export with
//! `chats.list`), and plain arrays of article objects.

use crate::jsonl::Line;
use crate::{
    file_stem, io_error, non_empty, normalize_date, DocReader, IngestError, Location, Origin,
    RawDoc, RecordError,
};
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

#[derive(Deserialize)]
struct Chat {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    messages: Vec<Value>,
}

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

pub(crate) fn read(path: &Path) -> Result<DocReader, IngestError> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    let text = match isnad_text::decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            return Ok(one_error(
                path,
                Location::Offset(e.offset as u64),
                e.to_string(),
            ))
        }
    };
    let value: Value = match serde_json::from_str(text) {
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
                read_chat(path, Value::Object(top))
            } else if let Some(Value::Array(list)) = top
                .get_mut("chats")
                .and_then(|c| c.get_mut("list"))
                .map(Value::take)
            {
                list.into_iter()
                    .flat_map(|chat| read_chat(path, chat))
                    .collect()
            } else {
                return Err(IngestError::Unsupported {
                    path: path.to_path_buf(),
                });
            }
        }
        Value::Array(items) => read_articles(path, items),
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

fn read_articles(path: &Path, items: Vec<Value>) -> Vec<Result<RawDoc, RecordError>> {
    let stem = file_stem(path);
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let n = i as u64 + 1;
            let here = Location::Item(n);
            let line: Line = serde_json::from_value(item)
                .map_err(|e| RecordError::new(path, here, format!("not an article object: {e}")))?;
            line.into_doc(path, here, || format!("{stem}-{n}"))
        })
        .collect()
}

fn read_chat(path: &Path, chat: Value) -> Vec<Result<RawDoc, RecordError>> {
    let chat: Chat = match serde_json::from_value(chat) {
        Ok(c) => c,
        Err(e) => {
            return vec![Err(RecordError::new(
                path,
                Location::Whole,
                format!("not a Telegram chat: {e}"),
            ))]
        }
    };
    let outlet = non_empty(chat.name.as_deref());
    let channel = match &chat.id {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) if !s.trim().is_empty() => slug(s),
        _ => outlet
            .as_deref()
            .map(slug)
            .unwrap_or_else(|| file_stem(path)),
    };
    let mut out = Vec::new();
    for (i, message) in chat.messages.into_iter().enumerate() {
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
