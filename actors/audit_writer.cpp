// actors/audit_writer.cpp — the queue shared with callers, the flush that drains it, and the
// writer actor's timers (flush interval, daily purge).
#include "actors/audit_writer.hpp"

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <spdlog/spdlog.h>

namespace actors {

namespace {

constexpr std::chrono::hours purge_period{24};
constexpr std::int64_t day_ms = 24LL * 3600 * 1000;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

// ------------------------------------------------------------------------------------------------
// core

struct audit_writer::core {
  core(options o, std::shared_ptr<control::audit_log> l) : opts(o), log(std::move(l)) {}

  const options opts;
  const std::shared_ptr<control::audit_log> log;

  // What callers touch: held for one push_back or one take, never across I/O.
  std::mutex queue_mu;
  std::deque<control::audit_event> queue;  // guarded by queue_mu
  bool stopped = false;                    // guarded by queue_mu

  // One flush at a time (the actor's, or stop()'s), so that events a failed append puts back
  // are seen by the next flush, and stop() waits for a flush in progress.
  std::mutex write_mu;
  int failure_streak = 0;  // guarded by write_mu: consecutive failed appends, for the log

  std::atomic<std::uint64_t> dropped{0};  // overflowed since the last report
  // A size-triggered flush is in the actor's mailbox: no second one. Without it, a full queue
  // over a failing database would send a message per record() and grow the mailbox instead.
  std::atomic<bool> flush_requested{false};
  std::atomic<bool> after_stop_reported{false};

  /// Queues `e`; returns the queue's size afterwards, or 0 when stopped.
  std::size_t push(control::audit_event&& e) {
    std::lock_guard lk(queue_mu);
    if (stopped) return 0;
    queue.push_back(std::move(e));
    if (queue.size() > opts.max_queued) {
      queue.pop_front();
      dropped.fetch_add(1, std::memory_order_relaxed);
    }
    return queue.size();
  }

  bool queue_empty() {
    std::lock_guard lk(queue_mu);
    return queue.empty();
  }

  /// Appends what is queued now, batch_size events per transaction; events recorded meanwhile wait
  /// for the next flush, so a burst cannot keep the actor here forever. On failure the batch goes
  /// back to the head of the queue and the flush stops. True when everything taken was written.
  bool flush() {
    std::lock_guard wl(write_mu);
    std::size_t budget;
    {
      std::lock_guard lk(queue_mu);
      budget = queue.size();
    }
    bool ok = true;
    while (budget > 0) {
      std::vector<control::audit_event> batch;
      {
        std::lock_guard lk(queue_mu);
        std::size_t n = std::min({opts.batch_size, budget, queue.size()});
        if (n == 0) break;
        batch.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
          batch.push_back(std::move(queue.front()));
          queue.pop_front();
        }
      }
      budget -= batch.size();
      auto written = log->append(batch);
      if (written) {
        if (failure_streak > 0)
          spdlog::info("audit: writing works again after {} failed attempt(s)", failure_streak);
        failure_streak = 0;
        continue;
      }
      // Back to the head, in order; what no longer fits goes, oldest first.
      std::size_t count = batch.size();
      {
        std::lock_guard lk(queue_mu);
        queue.insert(queue.begin(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
        while (queue.size() > opts.max_queued) {
          queue.pop_front();
          dropped.fetch_add(1, std::memory_order_relaxed);
        }
      }
      // SQLite's message names the failure (disk full, locked, constraint), never a value.
      if (failure_streak++ == 0)
        spdlog::error("audit: writing {} event(s) failed, retrying: {}", count, written.error().message);
      else
        spdlog::debug("audit: writing {} event(s) failed again ({} in a row): {}", count, failure_streak,
                      written.error().message);
      ok = false;
      break;
    }
    if (auto d = dropped.exchange(0, std::memory_order_relaxed))
      spdlog::warn("audit: dropped the {} oldest unwritten event(s): the queue is capped at {}", d, opts.max_queued);
    return ok;
  }

  void purge() {
    auto cutoff = now_ms() - static_cast<std::int64_t>(opts.retention_days) * day_ms;
    auto n = log->purge_older_than(cutoff);
    if (!n) spdlog::warn("audit: purging events older than {} days failed: {}", opts.retention_days, n.error().message);
    else if (*n > 0) spdlog::info("audit: purged {} event(s) older than {} days", *n, opts.retention_days);
  }
};

// ------------------------------------------------------------------------------------------------
// the writer actor

namespace {

struct writer_state {
  std::shared_ptr<audit_writer::core> core;
  bool timer_armed = false;
};

using writer_impl = audit_writer_actor::stateful_pointer<writer_state>;

// Starts the flush timer unless it runs. While events wait (a burst left some, or appends fail)
// the actor keeps re-arming it; once the queue is empty it stays off until a record() arms it.
void arm(writer_impl self) {
  auto& st = self->state;
  if (st.timer_armed) return;
  st.timer_armed = true;
  self->delayed_send(self, st.core->opts.flush_interval, audit_tick{});
}

audit_writer_actor::behavior_type writer_behavior(writer_impl self, std::shared_ptr<audit_writer::core> c) {
  self->state.core = std::move(c);
  // The first purge is a message like the daily ones: it runs on the actor's thread (and, in tests,
  // when the test coordinator says so), never inside make() on the caller's.
  self->send(self, audit_purge{});
  return {
      [self](audit_flush) {
        auto& st = self->state;
        // Cleared before the flush: a batch completed during it asks for the next one.
        st.core->flush_requested.store(false, std::memory_order_release);
        st.core->flush();
        if (!st.core->queue_empty()) arm(self);
      },
      [self](audit_arm) { arm(self); },
      [self](audit_tick) {
        auto& st = self->state;
        st.timer_armed = false;
        st.core->flush();
        if (!st.core->queue_empty()) arm(self);
      },
      [self](audit_purge) {
        self->state.core->purge();
        self->delayed_send(self, purge_period, audit_purge{});
      },
  };
}

}  // namespace

// ------------------------------------------------------------------------------------------------
// audit_writer

std::shared_ptr<audit_writer> audit_writer::make(caf::actor_system& sys, std::shared_ptr<control::audit_log> log,
                                                 options o) {
  if (!log) throw std::invalid_argument("audit_writer: no audit log");
  if (o.batch_size == 0) throw std::invalid_argument("audit_writer: batch_size must be at least 1");
  if (o.flush_interval <= std::chrono::milliseconds{0})
    throw std::invalid_argument("audit_writer: flush_interval must be positive");
  if (o.retention_days <= 0) throw std::invalid_argument("audit_writer: retention_days must be positive");
  if (o.max_queued < o.batch_size) throw std::invalid_argument("audit_writer: max_queued must be at least batch_size");
  auto c = std::make_shared<core>(o, std::move(log));
  auto actor = o.detached ? sys.spawn<caf::detached>(writer_behavior, c) : sys.spawn(writer_behavior, c);
  return std::shared_ptr<audit_writer>(new audit_writer(std::move(c), std::move(actor)));
}

audit_writer::audit_writer(std::shared_ptr<core> c, audit_writer_actor actor)
    : core_(std::move(c)), actor_(std::move(actor)), addr_(actor_.address()) {}

audit_writer::~audit_writer() { stop(); }

void audit_writer::record(control::audit_event e) {
  auto& c = *core_;
  auto n = c.push(std::move(e));
  if (n == 0) {
    // One line, once: a caller still recording after shutdown began is a wiring bug to see.
    if (!c.after_stop_reported.exchange(true, std::memory_order_relaxed))
      spdlog::warn("audit: an event was recorded after the audit writer stopped; it is not written");
    return;
  }
  // One message per batch (or per idle → busy transition), not per event.
  auto actor = caf::actor_cast<audit_writer_actor>(addr_);
  if (!actor) return;  // stopping: stop() writes what is queued
  if (n % c.opts.batch_size == 0) {
    if (!c.flush_requested.exchange(true, std::memory_order_acq_rel)) caf::anon_send(actor, audit_flush{});
  } else if (n == 1) {
    caf::anon_send(actor, audit_arm{});
  }
}

void audit_writer::stop() {
  auto& c = *core_;
  {
    std::lock_guard lk(c.queue_mu);
    if (c.stopped) return;
    c.stopped = true;
  }
  // Everything recorded before the lock above is queued or being written by the actor: flush()
  // waits for the latter and writes the former. A failing database gets one more attempt.
  if (!c.flush() && !c.flush()) {
    std::size_t lost;
    {
      std::lock_guard lk(c.queue_mu);
      lost = c.queue.size();
      c.queue.clear();
    }
    spdlog::error("audit: {} event(s) could not be written at shutdown", lost);
  }
  caf::anon_send_exit(actor_, caf::exit_reason::user_shutdown);
  actor_ = nullptr;
}

}  // namespace actors
