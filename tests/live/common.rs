//! What every live scenario program shares: one line per scenario
//! (`PASS name` or `FAIL name: why`), read by `scripts/live.py`.

use std::future::Future;

/// A scenario's outcome: `Err` says what was wrong, in words.
pub type Outcome = Result<(), String>;

/// Fails the scenario with a message unless `cond` holds.
#[macro_export]
macro_rules! check {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// Runs one scenario and prints its line.
pub async fn run(name: &str, scenario: impl Future<Output = Outcome>) -> bool {
    match scenario.await {
        Ok(()) => {
            println!("PASS {name}");
            true
        }
        Err(why) => {
            println!("FAIL {name}: {}", why.replace('\n', " "));
            false
        }
    }
}

/// An error as the user sees it: its `Display`, and its status.
pub fn seen<E: std::fmt::Debug>(e: &codegen_runtime::Error<E>) -> String {
    match e.status() {
        Some(status) => format!("HTTP {} ({e})", status.as_u16()),
        None => format!("{e}"),
    }
}

/// Checks that a call failed with `status` and that the error's `Display`
/// shows `message`, the server's own words.
pub fn expect_error<T, E: std::fmt::Debug>(
    result: Result<T, codegen_runtime::Error<E>>,
    status: u16,
    message: &str,
) -> Outcome {
    match result {
        Ok(_) => Err(format!("expected HTTP {status}, the call succeeded")),
        Err(e) => {
            let got = e.status().map(|s| s.as_u16());
            if got != Some(status) {
                return Err(format!("expected HTTP {status}, got {}", seen(&e)));
            }
            let shown = e.to_string();
            if !shown.contains(message) {
                return Err(format!(
                    "HTTP {status}: the error's Display does not show the server's message {message:?}: {shown:?}"
                ));
            }
            Ok(())
        }
    }
}
