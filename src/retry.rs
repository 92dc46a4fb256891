//! When and how long to wait before trying a failed request again.

use std::time::{Duration, SystemTime};

/// How the client retries requests that failed for transient reasons.
///
/// A request is retried after a connection error, a timeout, or a
/// 429/502/503/504 response, but only when its method is idempotent
/// (`GET`, `DELETE`) — or, for `POST`, when the connection was never made,
/// since then the server cannot have seen it, or when ArchivesSpace answered
/// that its database rolled the request's transaction back over a lock
/// conflict (a 400 `db_error`), since then nothing was saved. Waits grow exponentially with
/// "equal jitter" (half fixed, half random), so that many clients failing at
/// once do not come back at the same instant.
///
/// A `Retry-After` on a retried status (seconds or an HTTP date) replaces
/// the backoff: the retry waits at least as long as the server asks, up to
/// [`RetryPolicy::max_retry_after`]; a longer wait fails at once with
/// [`Error::RetryAfter`](crate::Error::RetryAfter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    retry_non_idempotent: bool,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 5,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(15),
            retry_non_idempotent: false,
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// How many times a request may be retried after its first attempt.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The wait before the first retry (before jitter); later waits double.
    pub fn initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// The longest wait between two attempts.
    pub fn max_backoff(mut self, wait: Duration) -> Self {
        self.max_backoff = wait;
        self
    }

    /// Also retry `POST` requests after timeouts and 5xx gateway errors.
    ///
    /// Off by default: such a request may have reached ArchivesSpace, and
    /// repeating a create makes a duplicate record. Updates carrying a
    /// `lock_version` are safe to repeat (a repeat fails with 409), so a
    /// caller that only updates may turn this on.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }

    /// The longest `Retry-After` the client waits for (60 s by default).
    /// A server that asks for more gets no retry: the request fails at once
    /// with [`Error::RetryAfter`](crate::Error::RetryAfter), which says how
    /// long it asked for.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// The number of retries allowed.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    pub(crate) fn max_retry_after_wait(&self) -> Duration {
        self.max_retry_after
    }

    pub(crate) fn retries_non_idempotent(&self) -> bool {
        self.retry_non_idempotent
    }

    /// The wait before retry number `retry` (0-based): half of the capped
    /// exponential value plus a random share of the other half.
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX);
        let cap = self
            .initial_backoff
            .checked_mul(factor)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff);
        let half = cap / 2;
        let jitter_nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        half + Duration::from_nanos(fastrand::u64(0..=jitter_nanos))
    }
}

/// The wait a `Retry-After` value asks for: delay-seconds, or an HTTP date
/// measured from `now` (the server's `Date` when it sent one, so that the
/// two clocks need not agree); a date in the past asks for no wait.
/// `None` when the value is neither.
pub(crate) fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Digits too many for a u64 are still a (very long) wait.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_takes_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(retry_after(" 0 ", now), Some(Duration::ZERO));
        // RFC 9110's example date, 30 s after `now`.
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
        for bad in ["", "-1", "1.5", "soon", "Wed, 21 Oct 2015", "\u{0}"] {
            assert_eq!(retry_after(bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_secs(1));
        for _ in 0..100 {
            let first = policy.backoff(0);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let third = policy.backoff(2);
            assert!(third >= Duration::from_millis(200) && third <= Duration::from_millis(400));
            let late = policy.backoff(40);
            assert!(late >= Duration::from_millis(500) && late <= Duration::from_secs(1));
        }
    }
}
