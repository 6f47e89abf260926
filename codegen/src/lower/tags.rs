//! Tags, with their parents (3.2) checked.

use std::collections::HashSet;

use super::Lowerer;
use crate::diagnostics::child;
use crate::load::ext;
use crate::model::Tag;

impl<'a> Lowerer<'a> {
    /// The declared tags, their parents checked.
    pub(super) fn tags(&mut self) -> Vec<Tag> {
        let spec = &self.doc.spec;
        let names: HashSet<&str> = spec.tags.iter().map(|t| t.name.as_str()).collect();
        let mut tags = Vec::new();
        for (i, tag) in spec.tags.iter().enumerate() {
            let pointer = child("#/tags", &i.to_string());
            let text = |key: &str| ext::text(&tag.extensions, key).map(str::to_string);
            let mut parent = text(ext::PARENT);
            if let Some(p) = &parent
                && (!names.contains(p.as_str()) || *p == tag.name)
            {
                self.warn(
                    &pointer,
                    format!("tag {:?} names {p:?} as its parent, which is not a declared tag (or is itself); it is read as a top-level tag", tag.name),
                );
                parent = None;
            }
            tags.push(Tag {
                name: tag.name.clone(),
                summary: text(ext::SUMMARY),
                description: tag.description.clone(),
                parent,
                kind: text(ext::KIND),
            });
        }
        // A parent chain that comes back to where it started is cut there.
        for i in 0..tags.len() {
            let mut seen = vec![tags[i].name.clone()];
            let mut at = tags[i].parent.clone();
            while let Some(name) = at {
                if seen.contains(&name) {
                    self.warn(
                        &child("#/tags", &i.to_string()),
                        format!(
                            "the parents of tag {:?} form a cycle; it is read as a top-level tag",
                            tags[i].name
                        ),
                    );
                    tags[i].parent = None;
                    break;
                }
                seen.push(name.clone());
                at = tags
                    .iter()
                    .find(|t| t.name == name)
                    .and_then(|t| t.parent.clone());
            }
        }
        tags
    }
}
