//! The Overlay Specification's examples (1.0 and 1.1), its merge rules, and
//! what is refused, each pinned on a small document.

mod examples;
mod rules;

use std::path::Path;

use serde_json::Value;

use super::{Applied, Overlay, apply};
use crate::diagnostics::GenerateError;

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap()
}

fn overlay(text: &str) -> Overlay {
    Overlay::parse(Path::new("fix.yaml"), text.to_string())
        .unwrap_or_else(|e| panic!("the overlay should read: {e}"))
}

/// Applies `overlays` to `doc`, in order.
fn run(doc: &str, overlays: &[&str]) -> (Value, Applied) {
    let mut doc = yaml(doc);
    let overlays: Vec<Overlay> = overlays.iter().map(|o| overlay(o)).collect();
    let applied = apply(&mut doc, Path::new("api.yaml"), &overlays)
        .unwrap_or_else(|e| panic!("the overlay should apply: {e}"));
    (doc, applied)
}

fn refused(doc: &str, text: &str) -> GenerateError {
    match Overlay::parse(Path::new("fix.yaml"), text.to_string()) {
        Err(e) => e,
        Ok(o) => apply(&mut yaml(doc), Path::new("api.yaml"), &[o])
            .expect_err("the overlay should be refused"),
    }
}

const PETS: &str = r#"
openapi: 3.1.0
info:
  title: Pets
  version: 1.0.0
paths:
  /:
    get:
      responses:
        '200': {description: OK}
  /pets:
    get:
      summary: old
      parameters:
        - {name: filter, in: query, schema: {type: string}}
        - {name: dummy, in: query, schema: {type: string}}
        - {name: filter, in: header, schema: {type: string}}
      tags: [pets, dummy]
      responses:
        '200': {description: OK}
    post:
      responses:
        '201': {description: Created}
components:
  schemas:
    filterSchema: {type: string}
tags:
  - name: pets
"#;
