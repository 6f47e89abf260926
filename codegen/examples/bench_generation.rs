//! Whole-process measurement for `scripts/bench.sh`: the parse floor
//! (read the file and deserialize it into `openapiv3::OpenAPI`) or the full
//! generation (load, lower, emit, format; nothing written), repeated, with
//! the process's peak resident memory.
//!
//!   cargo run --release -p codegen --example bench_generation -- floor|generate SPEC [ITERATIONS]
//!
//! Prints one JSON object: median and minimum milliseconds, peak RSS in KiB.

use std::path::Path;
use std::time::Instant;

fn floor(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).expect("readable spec");
    let spec: openapiv3::OpenAPI = if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).expect("a 3.0 document")
    } else {
        serde_yaml::from_str(&text).expect("a 3.0 document")
    };
    spec.paths.paths.len()
}

fn generate(path: &Path) -> usize {
    let api = codegen::Config::new()
        .spec(path)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
        .remove(0);
    api.types.len() + api.client.len()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(spec)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: bench_generation floor|generate SPEC [ITERATIONS]");
        std::process::exit(2);
    };
    let iterations: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(5);
    let path = Path::new(spec);
    let run: fn(&Path) -> usize = match mode.as_str() {
        "floor" => floor,
        "generate" => generate,
        _ => {
            eprintln!("mode must be floor or generate");
            std::process::exit(2);
        }
    };
    let mut times = Vec::with_capacity(iterations);
    let mut sink = 0;
    for _ in 0..iterations {
        let started = Instant::now();
        sink += run(path);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"mode\":\"{mode}\",\"spec\":{:?},\"iterations\":{iterations},\"median_ms\":{:.2},\"min_ms\":{:.2},\"peak_rss_kib\":{},\"sink\":{sink}}}",
        spec,
        times[times.len() / 2],
        times[0],
        codegen::memory_kib().map_or(0, |(_, peak)| peak)
    );
}
