//! How many requests a listing keeps in flight.
//!
//! Two things bound a harvest, and they want opposite settings. Latency
//! between client and server is hidden by having many requests in flight;
//! but a real backend's CPU is what builds the records (a few milliseconds
//! each, whatever the paging), so more in flight than it has cores to spare
//! buys no records/s and only queues the site's other users behind the
//! harvest (BENCHMARKS.md, Harvest and Harvest capacity). So the default is
//! adaptive, in the manner of TCP Vegas: the quickest answer seen is what
//! the server takes when it is not queueing; while answers come back about
//! that quick, one more request is let in flight (up to the maximum); when
//! they take twice as long, the server is queueing them, and one fewer is.
//! A fixed number is kept when the user sets one.

use std::time::Duration;

/// Requests in flight at the start of an adaptive listing.
const START: usize = 2;

/// The current bound on requests in flight, and what it learns from.
#[derive(Debug, Clone)]
pub(crate) struct InFlight {
    limit: usize,
    max: usize,
    adaptive: bool,
    /// The quickest answer seen.
    quickest: Option<Duration>,
}

impl InFlight {
    /// At most `max` in flight: always that many, or, when `adaptive`, as
    /// many as the server answers without queueing.
    pub(crate) fn new(max: usize, adaptive: bool) -> Self {
        let max = max.max(1);
        InFlight {
            limit: if adaptive { START.min(max) } else { max },
            max,
            adaptive,
            quickest: None,
        }
    }

    /// How many requests may be in flight now.
    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    /// Learns from one answer that took `latency` from sending to its end.
    pub(crate) fn observe(&mut self, latency: Duration) {
        if !self.adaptive {
            return;
        }
        let quickest = match self.quickest {
            Some(quickest) if quickest <= latency => quickest,
            _ => {
                self.quickest = Some(latency);
                latency
            }
        };
        // Within 30% of the quickest: not queueing.
        if latency.as_nanos() * 10 <= quickest.as_nanos() * 13 {
            self.limit = (self.limit + 1).min(self.max);
        } else if latency.as_nanos() >= quickest.as_nanos() * 2 {
            self.limit = self.limit.saturating_sub(1).max(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_server_that_does_not_queue_gets_the_maximum() {
        // The fake server at 20 ms: every answer about as quick.
        let mut in_flight = InFlight::new(8, true);
        assert_eq!(in_flight.limit(), 2);
        for latency in [21, 20, 22, 21, 20, 23, 21, 20, 22] {
            in_flight.observe(ms(latency));
        }
        assert_eq!(in_flight.limit(), 8);
    }

    #[test]
    fn a_server_that_queues_is_left_its_spare_cores() {
        // A backend with two cores that builds a chunk in a second: with
        // more than two in flight, each answer waits for the others.
        let mut in_flight = InFlight::new(8, true);
        let mut limits = Vec::new();
        for _ in 0..12 {
            let limit = in_flight.limit() as u64;
            in_flight.observe(ms(1000 * limit.max(2) / 2));
            limits.push(in_flight.limit());
        }
        assert!(limits.iter().all(|&l| (1..=4).contains(&l)), "{limits:?}");
        assert!(
            limits[4..].iter().all(|&l| (2..=4).contains(&l)),
            "{limits:?}"
        );
    }

    #[test]
    fn a_busy_server_gets_one_request_at_a_time() {
        let mut in_flight = InFlight::new(8, true);
        in_flight.observe(ms(100));
        for _ in 0..10 {
            in_flight.observe(ms(400));
        }
        assert_eq!(in_flight.limit(), 1);
    }

    #[test]
    fn a_number_the_user_sets_is_kept() {
        let mut in_flight = InFlight::new(5, false);
        assert_eq!(in_flight.limit(), 5);
        in_flight.observe(ms(10));
        in_flight.observe(ms(1000));
        assert_eq!(in_flight.limit(), 5);
    }
}
