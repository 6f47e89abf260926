//! What generated contract tests share: decoding their sample values and
//! judging one call's result against a mock of the spec (Prism started
//! with `--errors` answers 422 with the violations when a request breaks
//! the spec) or a sandbox.

use std::fmt::Debug;

use serde::de::DeserializeOwned;

use crate::{Error, Response};

/// Prism marks the problems it reports with this type URI.
const PRISM_PROBLEM: &str = "stoplight.io/prism/errors";

/// A sample value of the test's operation: the first of `candidates` (JSON
/// texts: the spec's example, then a value made from the schema) that fits
/// its type. Says so when the spec's example did not fit; panics, naming
/// the operation, when none does (a test, and only a test, fails that way).
pub fn sample<T: DeserializeOwned>(operation: &str, candidates: &[&str]) -> T {
    let mut problems = Vec::new();
    for json in candidates {
        match serde_json::from_str(json) {
            Ok(value) => {
                if let Some(first) = problems.first() {
                    println!(
                        "contract {operation}: note: the spec's example does not fit its type ({first}); a value made from the schema is sent"
                    );
                }
                return value;
            }
            Err(e) => problems.push(format!("{e}: {}", excerpt(json.as_bytes()))),
        }
    }
    panic!(
        "contract {operation}: no sample fits its Rust type: {}",
        problems.join("; ")
    )
}

/// The verdict on one call: `Ok` with what was answered when it decoded
/// into the operation's typed response (a success, or a documented error
/// that the mock chose) and nothing reports a violation; `Err` with the
/// cause otherwise.
pub fn verdict<T, H, E: Debug>(result: Result<Response<T, H>, Error<E>>) -> Result<String, String> {
    match result {
        Ok(response) => Ok(format!("HTTP {}", response.status.as_u16())),
        Err(Error::Api(e)) => match violation(&e.raw) {
            Some(v) => Err(format!("HTTP {}: the mock reports {v}", e.status.as_u16())),
            None => Ok(format!(
                "HTTP {}, a documented error, decoded",
                e.status.as_u16()
            )),
        },
        Err(Error::UnexpectedStatus { status, body, .. }) => Err(match violation(&body) {
            Some(v) => format!("HTTP {}: the mock reports {v}", status.as_u16()),
            None => format!(
                "HTTP {}: a status the spec does not document; body: {}",
                status.as_u16(),
                excerpt(&body)
            ),
        }),
        Err(Error::Decode { status, body, .. }) if violation(&body).is_some() => Err(format!(
            "HTTP {}: the mock reports {}",
            status.as_u16(),
            violation(&body).unwrap_or_default()
        )),
        Err(Error::Decode {
            status,
            source,
            body,
            ..
        }) => Err(format!(
            "HTTP {}: the answer does not decode into its type: {source}; body: {}",
            status.as_u16(),
            excerpt(&body)
        )),
        Err(Error::Validation(e)) => Err(format!("the client refused its own sample: {e}")),
        Err(e) => Err(e.to_string()),
    }
}

/// Prints the verdict (`contract NAME: ok (...)`), or panics with the cause.
pub fn report<T, H, E: Debug>(operation: &str, result: Result<Response<T, H>, Error<E>>) {
    match verdict(result) {
        Ok(what) => println!("contract {operation}: ok ({what})"),
        Err(cause) => panic!("contract {operation}: {cause}"),
    }
}

/// What a Prism problem body says, if the body is one.
fn violation(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    if !text.contains(PRISM_PROBLEM) {
        return None;
    }
    let problem: serde_json::Value = serde_json::from_str(text).ok()?;
    let title = problem["title"].as_str().unwrap_or("a problem");
    let details: Vec<String> = problem["validation"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|v| {
                    let location = v["location"]
                        .as_array()
                        .map(|l| {
                            l.iter()
                                .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_string))
                                .collect::<Vec<_>>()
                                .join(".")
                        })
                        .unwrap_or_default();
                    format!("{location}: {}", v["message"].as_str().unwrap_or("?"))
                })
                .collect()
        })
        .unwrap_or_default();
    let detail = problem["detail"].as_str().unwrap_or_default();
    Some(if details.is_empty() {
        format!("{title}: {detail}")
    } else {
        format!("{title}: {}", details.join("; "))
    })
}

fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut cut: String = text.chars().take(300).collect();
    if text.chars().count() > 300 {
        cut.push('…');
    }
    cut
}

#[cfg(test)]
mod tests;
