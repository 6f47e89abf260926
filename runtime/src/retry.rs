//! When and how long to wait before sending a request again.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// Retries with exponential backoff and jitter, bounded in attempts and in
/// total time, honouring `Retry-After`.
///
/// Only requests that are safe to repeat are retried: idempotent methods,
/// and requests carrying an idempotency key. A `POST` without a key is
/// never sent twice, whatever the policy says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// The wait before the first retry; it doubles for each one after.
    pub initial_backoff: Duration,
    /// The longest wait between two attempts (a longer `Retry-After` ends
    /// the retries instead).
    pub max_backoff: Duration,
    /// No retry starts once this much time has passed since the first attempt.
    pub max_elapsed: Duration,
    /// Response statuses that are retried.
    pub statuses: Vec<u16>,
    /// Whether connection failures (nothing reached the server) are retried.
    pub retry_connect_errors: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(30),
            statuses: vec![429, 502, 503, 504],
            retry_connect_errors: true,
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Whether an answer with this status is worth another attempt.
    pub fn retries_status(&self, status: StatusCode) -> bool {
        self.statuses.contains(&status.as_u16())
    }

    /// The wait before attempt `attempts_made + 1`, or `None` to stop.
    /// `retry_after` is the server's own request, which takes precedence.
    pub fn delay(
        &self,
        attempts_made: u32,
        elapsed: Duration,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if attempts_made >= self.max_attempts {
            return None;
        }
        let delay = match retry_after {
            Some(wait) if wait > self.max_backoff => return None,
            Some(wait) => wait,
            None => jittered(self.backoff(attempts_made)),
        };
        (elapsed + delay <= self.max_elapsed).then_some(delay)
    }

    fn backoff(&self, attempts_made: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempts_made.saturating_sub(1));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }
}

/// "Equal jitter": half the backoff, plus a random part of the other half,
/// so clients that failed together do not retry together.
fn jittered(backoff: Duration) -> Duration {
    // A v4 UUID is 122 random bits from the OS; no extra dependency needed.
    let random =
        (uuid::Uuid::new_v4().as_u128() & u128::from(u32::MAX)) as f64 / f64::from(u32::MAX);
    backoff / 2 + backoff.mul_f64(random / 2.0)
}

/// The wait a `Retry-After` header asks for: delay-seconds or an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = SystemTime::from(date);
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests;
