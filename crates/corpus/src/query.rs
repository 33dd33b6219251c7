//! The search query language: words, phrases, exclusion, `OR` and the `entity:` field.
//!
//! | syntax | meaning |
//! |---|---|
//! | `سيول أمطار` | every word must match (clitic-aware, title or text) |
//! | `"وزير الخارجية"` | the words in this order |
//! | `-جدة`, `-"أمانة جدة"` | no document with this word or phrase |
//! | `مستشفى OR مدرسة` | either (`OR` in capitals; binds tighter than the implicit AND) |
//! | `entity:Riyadh`, `entity:"Majid al-Salmi"` | documents that mention this actor, any spelling |
//! | `AND`, `and` | ignored: every word is required anyway |
//!
//! A Latin word that names a known actor (its English or knowledge-base name, or an alias as
//! written) searches for that actor and its Arabic name: `Riyadh` finds «الرياض», not every
//! word whose consonants are r-d («الأرض», «عرض»). Other Latin words match through their
//! consonant skeleton as before (`Salmi` finds «السالمي»).

/// One unit of a query, before analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// One word as typed.
    Word(String),
    /// A quoted run of words.
    Phrase(String),
    /// `entity:NAME`.
    Entity(String),
}

/// A required (or excluded) group: one unit, or several joined by `OR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Any one of these must match.
    pub any: Vec<Unit>,
    /// `-`: no document may match.
    pub exclude: bool,
}

/// Parses `text` into clauses, all required (or excluded) together.
pub fn parse(text: &str) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut join_next = false;
    for (raw, exclude) in lex(text) {
        let unit = match raw {
            Raw::Or => {
                join_next = !clauses.is_empty();
                continue;
            }
            Raw::And => continue,
            Raw::Unit(u) => u,
        };
        match clauses.last_mut() {
            // `-` inside an OR group applies to the group as written first.
            Some(last) if join_next && !exclude => last.any.push(unit),
            _ => clauses.push(Clause {
                any: vec![unit],
                exclude,
            }),
        }
        join_next = false;
    }
    clauses
}

enum Raw {
    Unit(Unit),
    Or,
    And,
}

/// Splits on whitespace, keeping quoted runs whole; `-` before a token excludes it.
fn lex(text: &str) -> Vec<(Raw, bool)> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let exclude = rest.len() > 1 && rest.starts_with('-');
        if exclude {
            rest = &rest[1..];
        }
        let (field, after) = match rest.strip_prefix("entity:") {
            Some(after) => (true, after),
            None => (false, rest),
        };
        let (token, quoted, tail) = match after.strip_prefix('"') {
            Some(inner) => match inner.find('"') {
                Some(end) => (&inner[..end], true, &inner[end + 1..]),
                None => (inner, true, ""),
            },
            None => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], false, &after[end..])
            }
        };
        rest = tail.trim_start();
        let raw = if field {
            Raw::Unit(Unit::Entity(token.trim().to_string()))
        } else if quoted {
            Raw::Unit(Unit::Phrase(token.to_string()))
        } else if token == "OR" && !exclude {
            Raw::Or
        } else if (token == "AND" || token == "and") && !exclude {
            Raw::And
        } else {
            Raw::Unit(Unit::Word(token.to_string()))
        };
        if matches!(&raw, Raw::Unit(Unit::Entity(n) | Unit::Phrase(n) | Unit::Word(n)) if n.trim().is_empty())
        {
            continue;
        }
        out.push((raw, exclude));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Unit {
        Unit::Word(w.into())
    }

    #[test]
    fn parses_operators() {
        let q =
            parse(r#"الرياض -جدة "وزير الخارجية" a OR b OR c and entity:"Majid al-Salmi" -"x y""#);
        assert_eq!(
            q,
            [
                Clause {
                    any: vec![word("الرياض")],
                    exclude: false
                },
                Clause {
                    any: vec![word("جدة")],
                    exclude: true
                },
                Clause {
                    any: vec![Unit::Phrase("وزير الخارجية".into())],
                    exclude: false
                },
                Clause {
                    any: vec![word("a"), word("b"), word("c")],
                    exclude: false
                },
                Clause {
                    any: vec![Unit::Entity("Majid al-Salmi".into())],
                    exclude: false
                },
                Clause {
                    any: vec![Unit::Phrase("x y".into())],
                    exclude: true
                },
            ]
        );
        // A lone or leading operator, a bare `-`, an unclosed quote: no panic, no empty unit.
        assert_eq!(
            parse("OR x"),
            [Clause {
                any: vec![word("x")],
                exclude: false
            }]
        );
        assert_eq!(
            parse("- x"),
            [Clause {
                any: vec![word("x")],
                exclude: false
            }]
        );
        assert_eq!(
            parse("\"a b"),
            [Clause {
                any: vec![Unit::Phrase("a b".into())],
                exclude: false
            }]
        );
        assert!(parse("  ").is_empty());
        assert!(parse("\"\"").is_empty());
    }
}
