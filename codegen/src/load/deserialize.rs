//! The tree deserialized into openapiv3's types, with the place of the
//! first value they do not accept.

use serde_json::{Map, Value};

/// Deserializes the tree into openapiv3, consuming it: `paths` and
/// `components`, the bulk of a large document, a few hundred entries at a
/// time, each piece dropped once read and its result put in place as soon
/// as the pieces before it are; every core reads pieces, its own part's
/// first, then the other's, so neither part waits on the other.
///
/// In pieces because openapiv3's `Paths` and `Components` flatten their
/// extensions, which makes serde buffer the whole map once more before
/// reading it; a piece at a time, that copy stays small, and what is
/// read frees the tree as it goes (Microsoft Graph beta: 47 MB of JSON,
/// 345 MB as a tree, 540 MB as openapiv3's model).
///
/// Always from the tree, never from the text: openapiv3's `ReferenceOr`
/// buffers its input and parses it a second time on failure, and the two
/// parses disagree on input only text can hold (a key given twice), which
/// makes openapiv3 panic (`src/reference.rs:56`; see docs/openapiv3-reference-panic.md).
/// A tree has no duplicate keys, so both parses see the same value.
pub(super) fn deserialize_spec(raw: Value) -> Result<openapiv3::OpenAPI, Failure> {
    let Value::Object(mut root) = raw else {
        return Err(("#".into(), "the document is not an object".into()));
    };
    let mut take = |key: &str| match root.get_mut(key) {
        Some(Value::Object(map)) => Some(std::mem::take(map)),
        _ => None,
    };
    let paths = take("paths");
    let components = take("components");
    // Two queues: the rest of the document (with empty objects where the
    // parts were) and the pieces of `paths`; those of `components`. Each
    // thread takes from its own queue first, so most of a tree is freed by
    // the thread that made it (the allocator reuses that memory at once).
    let first: Vec<Job> = std::iter::once(Job::Rest(Value::Object(root)))
        .chain(
            paths
                .into_iter()
                .flat_map(|p| pieces(p, false))
                .enumerate()
                .map(|(i, piece)| Job::Paths(i, piece)),
        )
        .collect();
    let path_pieces = first.len() - 1;
    let second: Vec<Job> = components
        .into_iter()
        .flat_map(|c| pieces(c, true))
        .enumerate()
        .map(|(i, piece)| Job::Components(i, piece))
        .collect();
    let count = first.len() + second.len();
    let queues = [first, second].map(|jobs| std::sync::Mutex::new(jobs.into_iter()));
    let assembly = std::sync::Mutex::new(Assembly::default());
    let work = |own: usize| {
        loop {
            let next = [own, 1 - own]
                .into_iter()
                .find_map(|q| queues[q].lock().ok().and_then(|mut jobs| jobs.next()));
            let Some(job) = next else {
                return;
            };
            let place = job.place(path_pieces);
            let read = job.read();
            match assembly.lock() {
                Ok(mut assembly) => assembly.add(place, read),
                Err(_) => return,
            }
        }
    };
    let threads = crate::shared::threads();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .map(|t| scope.spawn(move || work(t % 2)))
            .collect();
        work(0);
        for helper in helpers {
            // A helper that failed left its piece unread: told below, as
            // the document not read (joined here, not panicking again).
            let _ = helper.join();
        }
    });
    let assembly = assembly.into_inner().map_err(|_| {
        (
            "#".to_string(),
            "the document could not be read".to_string(),
        )
    })?;
    assembly.finish(count)
}

/// A piece of the document to read (the pieces numbered in their part).
enum Job {
    Rest(Value),
    Paths(usize, Value),
    Components(usize, Value),
}

/// A piece read.
enum Read {
    Rest(Box<openapiv3::OpenAPI>),
    Paths(openapiv3::Paths),
    Components(Box<openapiv3::Components>),
}

/// Where a piece is not what openapiv3 reads, and why.
type Failure = (String, String);

impl Job {
    /// Its place in the document: the rest, then the pieces of `paths`,
    /// then those of `components`.
    fn place(&self, path_pieces: usize) -> (usize, usize) {
        match self {
            Job::Rest(_) => (0, 0),
            Job::Paths(i, _) => (1 + i, *i),
            Job::Components(i, _) => (1 + path_pieces + i, *i),
        }
    }

    /// Reads the piece, and drops its tree.
    fn read(self) -> Result<Read, Failure> {
        Ok(match self {
            Job::Rest(value) => Read::Rest(Box::new(part(&value, "#")?)),
            Job::Paths(_, value) => Read::Paths(part(&value, "#/paths")?),
            Job::Components(_, value) => Read::Components(Box::new(part(&value, "#/components")?)),
        })
    }
}

/// The pieces read so far, put together in the document's order.
#[derive(Default)]
struct Assembly {
    rest: Option<openapiv3::OpenAPI>,
    paths: InOrder<openapiv3::Paths>,
    components: Option<InOrder<openapiv3::Components>>,
    pieces: usize,
    /// The first failure in the document's order, by its place.
    failure: Option<(usize, Failure)>,
}

impl Assembly {
    /// Adds a piece read, at its place (in the document, in its part).
    fn add(&mut self, (place, index): (usize, usize), read: Result<Read, Failure>) {
        self.pieces += 1;
        match read {
            Err(failure) => {
                if self
                    .failure
                    .as_ref()
                    .is_none_or(|(first, _)| place < *first)
                {
                    self.failure = Some((place, failure));
                }
            }
            Ok(Read::Rest(rest)) => self.rest = Some(*rest),
            Ok(Read::Paths(piece)) => self.paths.add(index, piece, |whole, piece| {
                whole.paths.extend(piece.paths);
                whole.extensions.extend(piece.extensions);
            }),
            Ok(Read::Components(piece)) => self
                .components
                .get_or_insert_with(InOrder::default)
                .add(index, *piece, merge_components),
        }
    }

    /// The document, once all `count` pieces are in.
    fn finish(self, count: usize) -> Result<openapiv3::OpenAPI, Failure> {
        if let Some((_, failure)) = self.failure {
            return Err(failure);
        }
        let unread = || {
            (
                "#".to_string(),
                "the document could not be read".to_string(),
            )
        };
        // Every piece in, none failed: each part is whole (a piece waits
        // only for pieces before it).
        let mut spec = self
            .rest
            .filter(|_| self.pieces == count)
            .ok_or_else(unread)?;
        // The rest's `paths` is the empty object left where they were (a
        // document whose `paths` is not an object fails as the rest): the
        // pieces' map takes its place.
        spec.paths = self.paths.whole;
        if let Some(components) = self.components {
            spec.components = Some(components.whole);
        }
        Ok(spec)
    }
}

/// A part put together piece by piece in order, whatever order the pieces
/// are read in: a piece waits for those before it.
#[derive(Default)]
struct InOrder<T> {
    whole: T,
    next: usize,
    waiting: std::collections::BTreeMap<usize, T>,
}

impl<T> InOrder<T> {
    fn add(&mut self, index: usize, piece: T, merge: impl Fn(&mut T, T)) {
        self.waiting.insert(index, piece);
        while let Some(piece) = self.waiting.remove(&self.next) {
            merge(&mut self.whole, piece);
            self.next += 1;
        }
    }
}

/// Entries a piece holds at most.
const PIECE: usize = 256;

/// `map` as objects of at most `PIECE` entries, in order; with `nested`
/// (components), the maps it holds are cut too, each piece keeping its
/// map's key: `{"schemas": {…256 schemas}}`.
fn pieces(map: Map<String, Value>, nested: bool) -> impl Iterator<Item = Value> {
    let mut pieces: Vec<Map<String, Value>> = Vec::new();
    let mut current = Map::new();
    for (key, value) in map {
        match value {
            Value::Object(inner) if nested && inner.len() > PIECE => {
                let mut chunk = Map::new();
                for (k, v) in inner {
                    chunk.insert(k, v);
                    if chunk.len() == PIECE {
                        let mut piece = Map::new();
                        piece.insert(key.clone(), Value::Object(std::mem::take(&mut chunk)));
                        pieces.push(piece);
                    }
                }
                if !chunk.is_empty() {
                    let mut piece = Map::new();
                    piece.insert(key, Value::Object(chunk));
                    pieces.push(piece);
                }
            }
            value => {
                current.insert(key, value);
                if current.len() == PIECE {
                    pieces.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() || pieces.is_empty() {
        pieces.push(current);
    }
    pieces.into_iter().map(Value::Object)
}

/// Adds what a piece of `components` read to the whole.
fn merge_components(whole: &mut openapiv3::Components, piece: openapiv3::Components) {
    let openapiv3::Components {
        schemas,
        responses,
        parameters,
        examples,
        request_bodies,
        headers,
        security_schemes,
        links,
        callbacks,
        extensions,
    } = piece;
    whole.schemas.extend(schemas);
    whole.responses.extend(responses);
    whole.parameters.extend(parameters);
    whole.examples.extend(examples);
    whole.request_bodies.extend(request_bodies);
    whole.headers.extend(headers);
    whole.security_schemes.extend(security_schemes);
    whole.links.extend(links);
    whole.callbacks.extend(callbacks);
    whole.extensions.extend(extensions);
}

/// Reads `value` as a `T`; says where it is not one.
fn part<T: serde::de::DeserializeOwned>(
    value: &Value,
    prefix: &str,
) -> Result<T, (String, String)> {
    T::deserialize(value).map_err(|_| {
        // Again, slowly, for the place of the error.
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(_) => (
                prefix.to_string(),
                "the value could not be read".to_string(),
            ),
            Err(e) => {
                let pointer = to_pointer(e.path());
                (format!("{prefix}{}", &pointer[1..]), e.inner().to_string())
            }
        }
    })
}

fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                pointer.push_str(&format!("/{}", crate::diagnostics::pointer_segment(key)))
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

#[cfg(test)]
mod tests;
