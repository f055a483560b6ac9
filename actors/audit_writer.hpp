// actors/audit_writer.hpp — gets audit events off the request path and into control::audit_log in
// batches (issue 6: "writes never block the request path … and are not lost on a clean shutdown").
//
// How: `record` appends the event to a queue under a mutex held for one push — no I/O, no
// allocation beyond the event's own — and returns. A CAF actor (spawned detached: SQLite blocks,
// and a blocked scheduler thread would stall every session actor) decides when to write and does
// the writing:
//  * on size: the record() that brings the queue to a multiple of `batch_size` sends it a flush;
//  * on time: the record() that finds the queue empty arms a `flush_interval` timer (a delayed
//    message), so an idle server sends no timer messages at all;
//  * retention: at start and then once a day it deletes rows older than `retention_days`.
// Each flush appends what is queued, `batch_size` events per transaction.
//
// Failures: an append that fails puts its events back at the head of the queue (order kept) and
// is retried at the next timer; the failure is logged (count and SQLite's message, never a field
// of an event). The queue is bounded (`max_queued`): beyond it the oldest events are dropped and
// the drops are counted in a log line — memory must not grow without limit while the disk is full,
// and a caller must never wait for it.
//
// Shutdown: `stop` closes the queue (later records are ignored, with one log line), writes everything that
// was recorded before the call — on the calling thread, waiting for a flush the actor may have in
// progress — and ends the actor. Writing on the caller's thread rather than asking the actor and
// waiting for an answer keeps stop() correct on CAF's deterministic test coordinator too, where
// nothing runs until the test says so. The destructor calls stop().
//
// Threading: record() and stop() may be called from any thread. record() never touches SQLite.
// Lifetime: stop (or destroy) the writer before the actor_system goes — after the transport has
// stopped taking requests, so that the last calls' events are recorded before the final flush.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>

#include <caf/actor_addr.hpp>
#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/typed_actor.hpp>

#include "control/audit_log.hpp"

namespace actors {

// ---- the writer actor's messages (local only; see audit_writer.cpp for the handlers) ----

/// The queue reached a multiple of batch_size: write now.
struct audit_flush {};
/// The queue was empty and got an event: start the flush_interval timer unless it runs.
struct audit_arm {};
/// Timer: flush_interval has passed since the timer was armed.
struct audit_tick {};
/// Delete what is older than the retention (at start, then daily).
struct audit_purge {};

using audit_writer_actor = caf::typed_actor<caf::reacts_to<audit_flush>, caf::reacts_to<audit_arm>,
                                            caf::reacts_to<audit_tick>, caf::reacts_to<audit_purge>>;

class audit_writer {
 public:
  struct options {
    std::size_t batch_size = 256;                   ///< events per transaction, and the size trigger
    std::chrono::milliseconds flush_interval{200};  ///< longest an event waits in the queue (DB healthy)
    int retention_days = 90;                        ///< rows older than this are purged daily
    /// Events kept queued at most while appends fail; beyond, the oldest are dropped (and logged).
    std::size_t max_queued = 100000;
    /// Spawn the actor detached (its own thread: appends block on disk). Tests on CAF's
    /// deterministic test coordinator set false, since a detached actor always has its own thread.
    bool detached = true;
  };

  /// Spawns the writer actor, which purges old rows at once. Throws std::invalid_argument
  /// (start-up only) for a null log, batch_size 0, a non-positive interval or retention, or
  /// max_queued < batch_size.
  static std::shared_ptr<audit_writer> make(caf::actor_system& sys, std::shared_ptr<control::audit_log> log,
                                            options o);

  /// Queues `e` for writing. Thread-safe, never blocks on I/O, never touches SQLite. After stop()
  /// the event is ignored (the first such event is logged).
  void record(control::audit_event e);

  /// Writes everything recorded before the call, then ends the actor. Idempotent; blocks until
  /// written (or the write failed, which is logged with the number of events lost).
  void stop();

  ~audit_writer();
  audit_writer(const audit_writer&) = delete;
  audit_writer& operator=(const audit_writer&) = delete;

  struct core;  ///< shared by this object and the actor (audit_writer.cpp)

 private:
  audit_writer(std::shared_ptr<core> c, audit_writer_actor actor);

  std::shared_ptr<core> core_;
  // The strong handle lives until stop(): CAF's shutdown waits for a detached actor to be
  // destroyed, so no handle may outlive stop() — yet the tools hold this writer for the
  // process's lifetime. record() sends through the weak address instead.
  audit_writer_actor actor_;
  caf::actor_addr addr_;
};

}  // namespace actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::audit_flush)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::audit_arm)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::audit_tick)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::audit_purge)
