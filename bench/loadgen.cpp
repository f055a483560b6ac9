// mcp_loadgen: a load generator that speaks MCP (protocol 2025-11-25) over Streamable HTTP/1.1.
//
// One io_context driven by one thread (the main thread), one keep-alive TCP connection per MCP session,
// C++20 coroutines over Boost.Beast. Each session: POST initialize -> read Mcp-Session-Id ->
// POST notifications/initialized (expects 202) -> loop POST tools/call with incrementing ids. Answers
// may be application/json or text/event-stream; each JSON-RPC answer is parsed with simdjson (DOM) and
// must be a result with the matching id and without isError:true. tools/call latency (send -> answer
// parsed) goes into a log-linear histogram. See bench/README.md and --help.
//
// Load tests must only target this machine: the URL's host must be 127.0.0.1, localhost or [::1].
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <simdjson.h>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "histogram.hpp"

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kProtocolVersion = "2025-11-25";
constexpr std::string_view kVersion = "0.1.0";
constexpr std::uint64_t kBodyLimit = 64ULL * 1024 * 1024;

std::string_view sv(beast::string_view s) { return {s.data(), s.size()}; }

// ---------------------------------------------------------------------------------------------
// Options

struct Options {
    std::string url;
    std::string host_header;  // authority exactly as in the URL (host[:port])
    std::string target = "/";
    tcp::endpoint endpoint;
    int sessions = 1;
    double duration_s = 10.0;
    bool duration_given = false;
    double warmup_s = 0.0;
    std::string tool = "bench_1k";
    std::string args = "{}";
    std::uint64_t max_requests = 0;
    double rate = 0;  // total calls per second across sessions; 0: as fast as answers come
    int idle_sessions = 0;
    int idle_concurrency = 64;
    int idle_warmup = 0;
    int pid = 0;
    bool json = false;
    bool verbose = false;
    double timeout_s = 10.0;
    double settle_s = 1.0;
    std::vector<std::pair<std::string, std::string>> headers;  // --header, sent on every request
    bool list_tools = false;                                    // --list-tools: one-shot size check
    bool plain_http = false;                                    // --http-get: no MCP, GET the URL
};

[[noreturn]] void usage_error(const std::string& msg) {
    std::fprintf(stderr, "mcp_loadgen: %s (see --help)\n", msg.c_str());
    std::exit(2);
}

void print_help() {
    std::printf(
        "usage: mcp_loadgen --url http://127.0.0.1:PORT/mcp [options]\n"
        "\n"
        "Load mode (default): N MCP sessions, each on its own keep-alive connection, call a tool in a loop.\n"
        "  --sessions N          concurrent sessions (default 1)\n"
        "  --duration SECONDS    measured time (default 10)\n"
        "  --warmup SECONDS      unmeasured time after all sessions are initialized (default 0)\n"
        "  --tool NAME           tool to call (default bench_1k)\n"
        "  --args JSON           tool arguments, a JSON object (default {})\n"
        "  --max-requests M      also stop the measurement after M measured calls\n"
        "  --rate R              offered load: R calls/s in total, spread evenly over the sessions;\n"
        "                        latency counts from each call's scheduled time (no coordinated omission)\n"
        "  --timeout SECONDS     per-request timeout (default 10)\n"
        "  --pid P               also report the server's CPU time (and VmRSS) from /proc/P\n"
        "  --json                print one JSON line instead of text\n"
        "  --verbose             log every error to stderr\n"
        "  --header 'Name: v'    an extra header on every request (repeatable), e.g. Authorization: Bearer ...\n"
        "\n"
        "Plain HTTP mode (--http-get): the load mode's client without MCP. Each session GETs --url in a\n"
        "  closed loop (or at --rate) on its keep-alive connection; an answer must be 200 with a JSON\n"
        "  body (parsed with simdjson). Same options, histogram and report; \"mode\":\"http\" in --json.\n"
        "\n"
        "List-tools mode (--list-tools): one session, initialize + tools/list once, prints the size of\n"
        "  result.tools (re-serialized minified) and size/4 as an estimate of tokens, then exits.\n"
        "\n"
        "Idle mode: create K sessions (initialize + initialized), leave them open, report server memory.\n"
        "  --idle-sessions K     number of sessions to create\n"
        "  --idle-concurrency C  connections used to create them (default 64)\n"
        "  --idle-warmup W       first create W sessions (also left open), then read the baseline\n"
        "  --pid P               read VmRSS of /proc/P/status before and after\n"
        "  --settle SECONDS      wait before reading VmRSS after (default 1)\n"
        "  --duration SECONDS    time limit for creating them (default 120 in idle mode)\n"
        "\n"
        "Only loopback targets are accepted: 127.0.0.1, localhost (used as 127.0.0.1) or [::1].\n"
        "Every run stops by itself: a hard cap of warmup + duration + 30 s ends it in any case.\n"
        "Exit status: 0 ok; 1 errors were counted or nothing was measured; 2 usage; 3 hard cap hit.\n");
}

double parse_double(const std::string& flag, const std::string& v, double min) {
    char* end = nullptr;
    errno = 0;
    const double d = std::strtod(v.c_str(), &end);
    if (errno != 0 || end == v.c_str() || *end != '\0' || !(d >= min) || d > 1e7)
        usage_error(flag + " needs a number >= " + std::to_string(min));
    return d;
}

std::uint64_t parse_uint(const std::string& flag, const std::string& v, std::uint64_t min, std::uint64_t max) {
    std::uint64_t out = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc{} || p != v.data() + v.size() || out < min || out > max)
        usage_error(flag + " needs an integer in " + std::to_string(min) + ".." + std::to_string(max));
    return out;
}

// Accepts http://HOST[:PORT][/PATH] where HOST is 127.0.0.1, localhost or [::1]; refuses anything else.
void parse_url(Options& o) {
    const std::string& url = o.url;
    constexpr std::string_view scheme = "http://";
    if (url.compare(0, scheme.size(), scheme) != 0)
        usage_error("--url must start with http:// (TLS is not supported; targets are loopback only)");
    const std::string rest = url.substr(scheme.size());
    const auto slash = rest.find_first_of("/?#");
    const std::string authority = rest.substr(0, slash);
    o.target = slash == std::string::npos ? "/" : rest.substr(slash);
    if (!o.target.empty() && o.target[0] != '/') o.target = "/" + o.target;
    if (o.target.find('#') != std::string::npos) o.target.erase(o.target.find('#'));
    if (authority.find('@') != std::string::npos) usage_error("--url must not contain user information");

    std::string host;
    std::string port_s;
    if (!authority.empty() && authority[0] == '[') {
        const auto rb = authority.find(']');
        if (rb == std::string::npos) usage_error("bad IPv6 literal in --url");
        host = authority.substr(0, rb + 1);
        if (rb + 1 < authority.size()) {
            if (authority[rb + 1] != ':') usage_error("bad --url authority");
            port_s = authority.substr(rb + 2);
        }
    } else {
        const auto colon = authority.find(':');
        host = authority.substr(0, colon);
        if (colon != std::string::npos) port_s = authority.substr(colon + 1);
    }
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto port = static_cast<unsigned short>(port_s.empty() ? 80 : parse_uint("--url port", port_s, 1, 65535));

    net::ip::address addr;
    if (host == "127.0.0.1" || host == "localhost") {
        addr = net::ip::address_v4::loopback();  // localhost is not resolved: it is 127.0.0.1 here
    } else if (host == "[::1]") {
        addr = net::ip::address_v6::loopback();
    } else {
        std::fprintf(stderr,
                     "mcp_loadgen: refusing to target host '%s': load tests may only target this machine's "
                     "loopback (127.0.0.1, localhost or [::1])\n",
                     host.c_str());
        std::exit(2);
    }
    if (!addr.is_loopback()) usage_error("internal: non-loopback address");
    o.endpoint = tcp::endpoint(addr, port);
    o.host_header = authority;
}

Options parse_args(int argc, char** argv) {
    Options o;
    bool have_url = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--help" || a == "-h") {
            print_help();
            std::exit(0);
        } else if (a == "--url") {
            o.url = value();
            have_url = true;
        } else if (a == "--sessions") {
            o.sessions = static_cast<int>(parse_uint(a, value(), 1, 100000));
        } else if (a == "--duration") {
            o.duration_s = parse_double(a, value(), 0.001);
            o.duration_given = true;
        } else if (a == "--warmup") {
            o.warmup_s = parse_double(a, value(), 0.0);
        } else if (a == "--tool") {
            o.tool = value();
        } else if (a == "--args") {
            o.args = value();
        } else if (a == "--rate") {
            o.rate = parse_double(a, value(), 1.0);
        } else if (a == "--max-requests") {
            o.max_requests = parse_uint(a, value(), 1, UINT64_MAX);
        } else if (a == "--idle-sessions") {
            o.idle_sessions = static_cast<int>(parse_uint(a, value(), 1, 10'000'000));
        } else if (a == "--idle-warmup") {
            o.idle_warmup = static_cast<int>(parse_uint(a, value(), 0, 10'000'000));
        } else if (a == "--idle-concurrency") {
            o.idle_concurrency = static_cast<int>(parse_uint(a, value(), 1, 10000));
        } else if (a == "--pid") {
            o.pid = static_cast<int>(parse_uint(a, value(), 1, 1u << 30));
        } else if (a == "--json") {
            o.json = true;
        } else if (a == "--verbose") {
            o.verbose = true;
        } else if (a == "--timeout") {
            o.timeout_s = parse_double(a, value(), 0.001);
        } else if (a == "--settle") {
            o.settle_s = parse_double(a, value(), 0.0);
        } else if (a == "--header") {
            const std::string h = value();
            const auto colon = h.find(':');
            if (colon == std::string::npos || colon == 0 || h.find_first_of("\r\n") != std::string::npos)
                usage_error("--header needs 'Name: value' on one line");
            std::string name = h.substr(0, colon);
            std::string val = h.substr(colon + 1);
            while (!val.empty() && (val.front() == ' ' || val.front() == '\t')) val.erase(0, 1);
            if (name.find_first_of(" \t") != std::string::npos) usage_error("--header name must not contain spaces");
            o.headers.emplace_back(std::move(name), std::move(val));
        } else if (a == "--list-tools") {
            o.list_tools = true;
        } else if (a == "--http-get") {
            o.plain_http = true;
        } else {
            usage_error("unknown argument " + a);
        }
    }
    if (!have_url) usage_error("--url is required");
    parse_url(o);
    if (o.idle_sessions > 0 && !o.duration_given) o.duration_s = 120.0;
    if (int(o.list_tools) + int(o.plain_http) + int(o.idle_sessions > 0) > 1)
        usage_error("--list-tools, --http-get and --idle-sessions exclude each other");

    // --args must be a JSON object; re-serialize it minified so the request body is well-formed.
    simdjson::dom::parser p;
    simdjson::dom::element e;
    if (p.parse(o.args).get(e) || !e.is_object()) usage_error("--args must be a JSON object");
    o.args = simdjson::minify(e);
    return o;
}

std::string json_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// /proc helpers (Linux)

std::optional<long> read_vmrss_kib(int pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            std::istringstream is(line.substr(6));
            long kib = 0;
            if (is >> kib) return kib;
        }
    }
    return std::nullopt;
}

// utime + stime of a process, seconds.
std::optional<double> read_proc_cpu_s(int pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string all((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const auto rp = all.rfind(')');
    if (rp == std::string::npos) return std::nullopt;
    std::istringstream is(all.substr(rp + 1));
    std::vector<std::string> tok;
    std::string t;
    while (is >> t) tok.push_back(t);
    if (tok.size() < 13) return std::nullopt;  // tok[0] is field 3 (state); utime = field 14, stime = 15
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    return (std::stod(tok[11]) + std::stod(tok[12])) / ticks;
}

double self_cpu_s() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    auto tv = [](const timeval& v) { return static_cast<double>(v.tv_sec) + static_cast<double>(v.tv_usec) / 1e6; };
    return tv(ru.ru_utime) + tv(ru.ru_stime);
}

// ---------------------------------------------------------------------------------------------
// Runner

enum class Outcome { ok, timeout, disconnect, http_status, bad_json, rpc_error, tool_error, bad_response, session_lost };
enum class Msg { not_mine, ok, rpc_error, tool_error, bad_json, bad_response };

struct Exchange {
    Outcome outcome = Outcome::ok;
    Clock::time_point done{};
};

struct ErrorCounts {
    std::uint64_t connect = 0, timeout = 0, disconnect = 0, http_status = 0, bad_json = 0, rpc_error = 0,
                  tool_error = 0, bad_response = 0, session_lost = 0, init_failed = 0, never_initialized = 0;
    std::uint64_t total() const {
        // init_failed is a breakdown (those of the others that happened during initialize), not added.
        return connect + timeout + disconnect + http_status + bad_json + rpc_error + tool_error + bad_response +
               session_lost + never_initialized;
    }
};

struct Session {
    Session(net::io_context& ioc, int idx) : stream(ioc), timer(ioc), index(idx) {}
    beast::tcp_stream stream;
    net::steady_timer timer;  // back-off sleeps
    beast::flat_buffer buf;
    http::request<http::string_body> req;
    std::optional<http::response_parser<http::string_body>> parser;
    std::string session_id;
    std::string protocol_version{kProtocolVersion};
    std::string json;  // one JSON-RPC message, with SIMDJSON_PADDING capacity before parsing
    bool connected = false;
    bool counted_ready = false;
    int index = 0;
    unsigned last_status = 0;  // HTTP status of the last answer header read (0: none)
    std::int64_t next_id = 1;
    Clock::time_point next_send{};  // --rate: when this session's next call is due
};

class Runner {
public:
    Runner(net::io_context& ioc, Options opts)
        : ioc_(ioc),
          o_(std::move(opts)),
          phase_timer_(ioc),
          hard_timer_(ioc),
          drain_timer_(ioc),
          go_timer_(ioc, Clock::time_point::max()),
          signals_(ioc) {
        timeout_ = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o_.timeout_s));
        call_prefix_ = R"({"jsonrpc":"2.0","id":)";
        call_suffix_ = R"(,"method":"tools/call","params":{"name":")" + json_escape(o_.tool) +
                       R"(","arguments":)" + o_.args + "}}";
    }

    int run() {
        start_ = Clock::now();
        if (idle_mode()) {
            const int n = std::min(o_.idle_concurrency, std::max(o_.idle_sessions, o_.idle_warmup));
            for (int i = 0; i < n; ++i) sessions_.push_back(std::make_unique<Session>(ioc_, i));
            if (o_.idle_warmup > 0) {
                // Sessions created (and left open) before the baseline is read, so one-off growth of the
                // server (JIT, pools, first allocations) is not charged to the measured sessions.
                run_idle_stage(o_.idle_warmup);
                warmup_created_ = created_;
                created_ = claimed_ = 0;
            }
            if (o_.pid) rss_before_ = read_vmrss_kib(o_.pid);
            idle_started_ = Clock::now();
            if (!stopping_ && !hard_capped_) run_idle_stage(o_.idle_sessions);
            return report_idle();
        }

        if (o_.list_tools) {
            arm_signals();
            arm_hard_cap(o_.timeout_s * 3 + 5.0);
            sessions_.push_back(std::make_unique<Session>(ioc_, 0));
            active_ = 1;
            spawn(list_tools_task(*sessions_[0]));
            ioc_.run();
            return report_list_tools();
        }

        arm_signals();
        arm_hard_cap(o_.warmup_s + o_.duration_s + 30.0);
        for (int i = 0; i < o_.sessions; ++i) sessions_.push_back(std::make_unique<Session>(ioc_, i));
        active_ = o_.sessions;
        phase_timer_.expires_after(std::chrono::seconds(15));
        phase_timer_.async_wait([this](const beast::error_code& ec) {
            if (ec || phase_ != Phase::init) return;
            std::fprintf(stderr, "mcp_loadgen: only %d of %d sessions initialized after 15 s; measuring anyway\n",
                         ready_, o_.sessions);
            start_warmup();
        });
        for (auto& s : sessions_) spawn(load_session(*s));
        ioc_.run();
        return report_load();
    }

private:
    enum class Phase { init, warmup, measure, drain };

    bool idle_mode() const { return o_.idle_sessions > 0; }

    void arm_signals() {
        signals_.add(SIGINT);
        signals_.add(SIGTERM);
        signals_.async_wait([this](const beast::error_code& ec, int) {
            if (ec) return;
            std::fprintf(stderr, "mcp_loadgen: interrupted, stopping\n");
            interrupted_ = true;
            if (idle_mode()) {
                stopping_ = true;
                force_close_all();
            } else {
                end_measure();
            }
        });
    }

    void arm_hard_cap(double limit_s) {
        hard_timer_.expires_after(seconds(limit_s));
        hard_timer_.async_wait([this](const beast::error_code& ec) {
            if (!ec) hard_cap();
        });
    }

    // Creates sessions until `target` exist (or the time limit): all connections work in parallel.
    void run_idle_stage(int target) {
        idle_target_ = target;
        arm_signals();
        arm_hard_cap(o_.duration_s + 30.0);
        phase_timer_.expires_after(seconds(o_.duration_s));
        phase_timer_.async_wait([this](const beast::error_code& ec) {
            if (ec) return;
            std::fprintf(stderr, "mcp_loadgen: idle mode time limit reached, stopping session creation\n");
            stopping_ = true;
            // Requests in flight get 5 s more, then their connections are closed.
            phase_timer_.expires_after(std::chrono::seconds(5));
            phase_timer_.async_wait([this](const beast::error_code& ec2) {
                if (!ec2) force_close_all();
            });
        });
        active_ = static_cast<int>(sessions_.size());
        for (auto& s : sessions_) spawn(idle_worker(*s));
        ioc_.run();
        ioc_.restart();
    }
    static Clock::duration seconds(double s) {
        return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
    }

    template <class Awaitable>
    void spawn(Awaitable&& a) {
        net::co_spawn(ioc_, std::forward<Awaitable>(a), [](std::exception_ptr e) {
            if (!e) return;
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& x) {
                std::fprintf(stderr, "mcp_loadgen: session task failed: %s\n", x.what());
            }
        });
    }

    // ---- phases ---------------------------------------------------------------------------

    void on_session_ready(Session& s) {
        if (s.counted_ready) return;
        s.counted_ready = true;
        ++ready_;
        if (phase_ == Phase::init && ready_ == o_.sessions) start_warmup();
    }

    void start_warmup() {
        if (phase_ != Phase::init) return;
        phase_ = Phase::warmup;
        phase_timer_.cancel();
        go_timer_.cancel();
        if (o_.warmup_s <= 0) return start_measure();
        phase_timer_.expires_after(seconds(o_.warmup_s));
        phase_timer_.async_wait([this](const beast::error_code& ec) {
            if (!ec) start_measure();
        });
    }

    void start_measure() {
        if (phase_ != Phase::warmup) return;
        phase_ = Phase::measure;
        measure_start_ = Clock::now();
        self_cpu_start_ = self_cpu_s();
        if (o_.pid) server_cpu_start_ = read_proc_cpu_s(o_.pid);
        phase_timer_.expires_after(seconds(o_.duration_s));
        phase_timer_.async_wait([this](const beast::error_code& ec) {
            if (!ec) end_measure();
        });
    }

    void end_measure() {
        if (phase_ == Phase::drain) return;
        if (phase_ == Phase::measure) {
            measure_end_ = Clock::now();
            self_cpu_end_ = self_cpu_s();
            if (o_.pid) {
                server_cpu_end_ = read_proc_cpu_s(o_.pid);
                server_rss_end_ = read_vmrss_kib(o_.pid);
            }
            measured_ = true;
        }
        phase_ = Phase::drain;
        stopping_ = true;
        phase_timer_.cancel();
        go_timer_.cancel();
        for (auto& s : sessions_) s->timer.cancel();
        // Sessions finish their request in flight, send DELETE and close; after 5 s they are cut off.
        drain_timer_.expires_after(std::chrono::seconds(5));
        drain_timer_.async_wait([this](const beast::error_code& ec) {
            if (!ec) force_close_all();
        });
    }

    void hard_cap() {
        std::fprintf(stderr, "mcp_loadgen: hard time cap reached, stopping\n");
        hard_capped_ = true;
        if (!idle_mode()) end_measure();
        stopping_ = true;
        force_close_all();
        // If something still does not finish, stop the loop; results are printed from what we have.
        drain_timer_.expires_after(std::chrono::seconds(2));
        drain_timer_.async_wait([this](const beast::error_code& ec) {
            if (!ec) ioc_.stop();
        });
    }

    void force_close_all() {
        go_timer_.cancel();
        for (auto& s : sessions_) {
            s->timer.cancel();
            beast::error_code ec;
            s->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
            s->stream.close();
            s->connected = false;
        }
    }

    void on_task_done() {
        if (--active_ > 0) return;
        phase_timer_.cancel();
        hard_timer_.cancel();
        drain_timer_.cancel();
        go_timer_.cancel();
        signals_.cancel();
    }

    // ---- accounting -------------------------------------------------------------------------

    bool counting_errors() const { return phase_ != Phase::drain; }

    static const char* outcome_name(Outcome o) {
        switch (o) {
            case Outcome::ok: return "ok";
            case Outcome::timeout: return "timeout";
            case Outcome::disconnect: return "disconnect";
            case Outcome::http_status: return "http_status";
            case Outcome::bad_json: return "bad_json";
            case Outcome::rpc_error: return "rpc_error";
            case Outcome::tool_error: return "tool_error";
            case Outcome::bad_response: return "bad_response";
            case Outcome::session_lost: return "session_lost";
        }
        return "?";
    }

    void count_error(Outcome o, const Session& s, const char* stage, Clock::time_point sent) {
        if (!counting_errors()) return;
        if (o_.verbose) {
            const double t = std::chrono::duration<double>(Clock::now() - start_).count();
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
            std::fprintf(stderr, "mcp_loadgen: t=%.3fs session %d %s: %s after %.1f ms (HTTP status %u)\n", t,
                         s.index, stage, outcome_name(o), ms, s.last_status);
        }
        switch (o) {
            case Outcome::ok: break;
            case Outcome::timeout: ++errors_.timeout; break;
            case Outcome::disconnect: ++errors_.disconnect; break;
            case Outcome::http_status: ++errors_.http_status; break;
            case Outcome::bad_json: ++errors_.bad_json; break;
            case Outcome::rpc_error: ++errors_.rpc_error; break;
            case Outcome::tool_error: ++errors_.tool_error; break;
            case Outcome::bad_response: ++errors_.bad_response; break;
            case Outcome::session_lost: ++errors_.session_lost; break;
        }
    }

    void on_call_done(Clock::time_point sent, Clock::time_point done) {
        if (phase_ != Phase::measure || sent < measure_start_) return;
        hist_.record(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(done - sent).count()));
        if (o_.max_requests && hist_.count() >= o_.max_requests) end_measure();
    }

    // ---- HTTP / MCP -------------------------------------------------------------------------

    void prepare_request(Session& s, http::verb method, std::string body) {
        auto& r = s.req;
        r = {};
        r.method(method);
        r.target(o_.target);
        r.version(11);
        r.set(http::field::host, o_.host_header);
        r.set(http::field::user_agent, "mcp_loadgen/0.1");
        if (method == http::verb::post) {
            r.set(http::field::content_type, "application/json");
            r.set(http::field::accept, "application/json, text/event-stream");
        }
        if (!s.session_id.empty()) {
            r.set("Mcp-Session-Id", s.session_id);
            r.set("MCP-Protocol-Version", s.protocol_version);
        }
        for (const auto& [name, value] : o_.headers) r.set(name, value);
        r.body() = std::move(body);
        r.prepare_payload();
    }

    std::string call_body(std::int64_t id) const {
        char num[24];
        auto [p, ec] = std::to_chars(num, num + sizeof num, id);
        (void)ec;
        std::string b;
        b.reserve(call_prefix_.size() + call_suffix_.size() + 24);
        b.append(call_prefix_).append(num, p).append(call_suffix_);
        return b;
    }

    // Parses s.json (one JSON-RPC message) and classifies it against the expected id.
    Msg check_message(Session& s, std::int64_t expect_id, bool is_init) {
        if (s.json.capacity() < s.json.size() + simdjson::SIMDJSON_PADDING)
            s.json.reserve(s.json.size() + simdjson::SIMDJSON_PADDING);
        simdjson::dom::element doc;
        if (json_parser_.parse(s.json.data(), s.json.size(), false).get(doc)) return Msg::bad_json;
        simdjson::dom::object obj;
        if (doc.get_object().get(obj)) return Msg::bad_response;
        if (!obj["method"].error()) return Msg::not_mine;  // a server request or notification
        std::int64_t id = 0;
        if (obj["id"].get_int64().get(id) || id != expect_id) return Msg::not_mine;
        if (!obj["error"].error()) return Msg::rpc_error;
        simdjson::dom::object result;
        if (obj["result"].get_object().get(result)) return Msg::bad_response;
        bool is_error = false;
        if (!result["isError"].get_bool().get(is_error) && is_error) return Msg::tool_error;
        if (is_init) {
            std::string_view pv;
            if (result["protocolVersion"].get_string().get(pv)) return Msg::bad_response;
            s.protocol_version.assign(pv);
        }
        if (capture_tools_) {
            simdjson::dom::array tools;
            if (result["tools"].get_array().get(tools)) return Msg::bad_response;
            tools_json_ = simdjson::minify(tools);
            tools_count_ = tools.size();
            message_bytes_ = s.json.size();
        }
        return Msg::ok;
    }

    static Outcome to_outcome(Msg m) {
        switch (m) {
            case Msg::ok: return Outcome::ok;
            case Msg::rpc_error: return Outcome::rpc_error;
            case Msg::tool_error: return Outcome::tool_error;
            case Msg::bad_json: return Outcome::bad_json;
            case Msg::not_mine:
            case Msg::bad_response: break;
        }
        return Outcome::bad_response;
    }

    Outcome io_failure(Session& s, const beast::error_code& ec) {
        s.stream.close();
        s.connected = false;
        return ec == beast::error::timeout ? Outcome::timeout : Outcome::disconnect;
    }

    net::awaitable<bool> connect(Session& s) {
        beast::error_code ec;
        s.stream.expires_after(timeout_);
        co_await s.stream.async_connect(o_.endpoint, net::redirect_error(net::use_awaitable, ec));
        if (ec) {
            s.stream.close();
            co_return false;
        }
        s.stream.socket().set_option(tcp::no_delay(true), ec);
        s.buf.clear();
        s.connected = true;
        co_return true;
    }

    // Sends s.req and reads the answer. expect_id < 0: a notification, the answer must be 202.
    net::awaitable<Exchange> exchange(Session& s, std::int64_t expect_id, bool is_init) {
        Exchange x;
        beast::error_code ec;
        auto tok = net::redirect_error(net::use_awaitable, ec);
        s.stream.expires_after(timeout_);
        co_await http::async_write(s.stream, s.req, tok);
        if (ec) co_return Exchange{io_failure(s, ec), {}};
        s.last_status = 0;
        s.parser.emplace();
        s.parser->body_limit(kBodyLimit);
        co_await http::async_read_header(s.stream, s.buf, *s.parser, tok);
        if (ec) co_return Exchange{io_failure(s, ec), {}};

        const unsigned status = s.parser->get().result_int();
        s.last_status = status;
        const bool sse = expect_id >= 0 && status == 200 &&
                         sv(s.parser->get()[http::field::content_type]).starts_with("text/event-stream");

        if (!sse) {
            if (!s.parser->is_done()) co_await http::async_read(s.stream, s.buf, *s.parser, tok);
            if (ec) co_return Exchange{io_failure(s, ec), {}};
            x.done = Clock::now();
            if (expect_id < 0) {
                x.outcome = status == 202 ? Outcome::ok : Outcome::http_status;
            } else if (status != 200) {
                x.outcome = status == 404 ? Outcome::session_lost : Outcome::http_status;
            } else if (!sv(s.parser->get()[http::field::content_type]).starts_with("application/json")) {
                x.outcome = Outcome::bad_response;
            } else {
                s.json.assign(s.parser->get().body());
                const Msg m = check_message(s, expect_id, is_init);
                x.outcome = to_outcome(m);
                x.done = Clock::now();
            }
        } else {
            // text/event-stream: dispatch events as they arrive; the response with our id ends it.
            std::size_t pos = 0;
            bool have_data = false;
            std::optional<Msg> verdict;
            s.json.clear();
            auto dispatch = [&]() {
                if (have_data && !s.json.empty()) {
                    const Msg m = check_message(s, expect_id, is_init);
                    if (m != Msg::not_mine) verdict = m;
                }
                s.json.clear();
                have_data = false;
            };
            auto scan = [&]() {
                const std::string& body = s.parser->get().body();
                while (!verdict) {
                    const auto nl = body.find('\n', pos);
                    if (nl == std::string::npos) break;
                    std::string_view line(body.data() + pos, nl - pos);
                    pos = nl + 1;
                    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
                    if (line.empty()) {
                        dispatch();
                    } else if (line.starts_with("data:")) {
                        line.remove_prefix(5);
                        if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
                        if (have_data) s.json.push_back('\n');
                        s.json.append(line);
                        have_data = true;
                    }  // event:, id:, retry: and comments are not needed here
                }
            };
            for (;;) {
                scan();
                if (verdict || s.parser->is_done()) break;
                co_await http::async_read_some(s.stream, s.buf, *s.parser, tok);
                if (ec) co_return Exchange{io_failure(s, ec), {}};
            }
            if (!verdict) dispatch();  // a last event without its blank line
            x.done = Clock::now();
            x.outcome = verdict ? to_outcome(*verdict) : Outcome::bad_response;
            // The server should end the stream right after the response; wait briefly for the end of
            // the body so the connection can be reused, else drop the connection (not an error).
            if (!s.parser->is_done()) {
                s.stream.expires_after(std::chrono::seconds(1));
                while (!s.parser->is_done()) {
                    co_await http::async_read_some(s.stream, s.buf, *s.parser, tok);
                    if (ec) {
                        ++sse_unterminated_;
                        s.stream.close();
                        s.connected = false;
                        break;
                    }
                }
            }
        }
        if (s.connected && !s.parser->keep_alive()) {
            s.stream.close();
            s.connected = false;
        }
        co_return x;
    }

    // --http-get: one GET of the URL; the answer must be 200 with a JSON body.
    net::awaitable<Exchange> exchange_plain(Session& s) {
        beast::error_code ec;
        auto tok = net::redirect_error(net::use_awaitable, ec);
        s.stream.expires_after(timeout_);
        co_await http::async_write(s.stream, s.req, tok);
        if (ec) co_return Exchange{io_failure(s, ec), {}};
        s.last_status = 0;
        s.parser.emplace();
        s.parser->body_limit(kBodyLimit);
        co_await http::async_read(s.stream, s.buf, *s.parser, tok);
        if (ec) co_return Exchange{io_failure(s, ec), {}};
        Exchange x;
        s.last_status = s.parser->get().result_int();
        if (s.last_status != 200) {
            x.outcome = Outcome::http_status;
        } else {
            s.json.assign(s.parser->get().body());
            if (s.json.capacity() < s.json.size() + simdjson::SIMDJSON_PADDING)
                s.json.reserve(s.json.size() + simdjson::SIMDJSON_PADDING);
            simdjson::dom::element doc;
            x.outcome = json_parser_.parse(s.json.data(), s.json.size(), false).get(doc) ? Outcome::bad_json
                                                                                        : Outcome::ok;
        }
        x.done = Clock::now();
        if (s.connected && !s.parser->keep_alive()) {
            s.stream.close();
            s.connected = false;
        }
        co_return x;
    }

    // --list-tools: initialize, tools/list once (result.tools captured by check_message), DELETE.
    net::awaitable<void> list_tools_task(Session& s) {
        if (!co_await connect(s)) {
            ++errors_.connect;
        } else if (co_await initialize(s)) {
            const std::int64_t id = s.next_id++;
            prepare_request(s, http::verb::post,
                            R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"method":"tools/list","params":{}})");
            const auto sent = Clock::now();
            capture_tools_ = true;
            const Exchange x = co_await exchange(s, id, false);
            capture_tools_ = false;
            if (x.outcome != Outcome::ok) count_error(x.outcome, s, "tools/list", sent);
            else listed_ = true;
            if (s.connected && !hard_capped_) {
                beast::error_code ec;
                prepare_request(s, http::verb::delete_, {});
                s.stream.expires_after(std::chrono::seconds(2));
                co_await http::async_write(s.stream, s.req, net::redirect_error(net::use_awaitable, ec));
                if (!ec) {
                    http::response<http::string_body> res;
                    co_await http::async_read(s.stream, s.buf, res, net::redirect_error(net::use_awaitable, ec));
                    if (!ec && res.result_int() >= 200 && res.result_int() < 300) ++deleted_;
                }
            }
        }
        s.stream.close();
        s.connected = false;
        on_task_done();
    }

    // initialize + notifications/initialized on the session's connection.
    net::awaitable<bool> initialize(Session& s) {
        s.session_id.clear();
        s.protocol_version = kProtocolVersion;
        const std::int64_t id = s.next_id++;
        std::string body = R"({"jsonrpc":"2.0","id":)" + std::to_string(id) +
                           R"(,"method":"initialize","params":{"protocolVersion":")" + std::string(kProtocolVersion) +
                           R"(","capabilities":{},"clientInfo":{"name":"mcp_loadgen","version":")" +
                           std::string(kVersion) + R"("}}})";
        prepare_request(s, http::verb::post, std::move(body));
        auto sent = Clock::now();
        Exchange x = co_await exchange(s, id, true);
        std::string sid;
        if (x.outcome == Outcome::ok) {
            sid = std::string(sv(s.parser->get()["Mcp-Session-Id"]));
            if (sid.empty()) x.outcome = Outcome::bad_response;
        }
        if (x.outcome != Outcome::ok) {
            count_error(x.outcome, s, "initialize", sent);
            if (counting_errors()) ++errors_.init_failed;
            co_return false;
        }
        s.session_id = std::move(sid);
        prepare_request(s, http::verb::post, R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
        sent = Clock::now();
        x = co_await exchange(s, -1, false);
        if (x.outcome != Outcome::ok) {
            count_error(x.outcome, s, "notifications/initialized", sent);
            if (counting_errors()) ++errors_.init_failed;
            s.session_id.clear();
            co_return false;
        }
        co_return true;
    }

    net::awaitable<void> sleep(Session& s, std::chrono::milliseconds d) {
        beast::error_code ec;
        s.timer.expires_after(d);
        co_await s.timer.async_wait(net::redirect_error(net::use_awaitable, ec));
    }

    net::awaitable<void> load_session(Session& s) {
        while (!stopping_) {
            if (!s.connected) {
                if (!co_await connect(s)) {
                    if (counting_errors()) ++errors_.connect;
                    co_await sleep(s, std::chrono::milliseconds(100));
                    continue;
                }
            }
            if (o_.plain_http && !s.counted_ready) {
                on_session_ready(s);  // nothing to set up: wait for the others as MCP sessions do
                if (phase_ == Phase::init) {
                    beast::error_code ec;
                    co_await go_timer_.async_wait(net::redirect_error(net::use_awaitable, ec));
                }
                continue;
            }
            if (!o_.plain_http && s.session_id.empty()) {
                if (co_await initialize(s)) {
                    on_session_ready(s);
                    // Start calling only when every session is initialized (or the init phase timed out):
                    // session set-up then does not compete with tool calls (a busy server may be slow to
                    // accept new connections).
                    if (phase_ == Phase::init) {
                        beast::error_code ec;
                        co_await go_timer_.async_wait(net::redirect_error(net::use_awaitable, ec));
                    }
                } else if (!stopping_) {
                    co_await sleep(s, std::chrono::milliseconds(100));
                }
                continue;
            }
            auto sent = Clock::now();
            if (o_.rate > 0) {
                // Each session sends on its own fixed schedule, staggered so that sessions do not
                // fire together. A late answer does not push the schedule back: the wait it
                // caused counts in the next call's latency, as wrk2 does.
                const auto interval = std::chrono::duration_cast<Clock::duration>(
                    std::chrono::duration<double>(o_.sessions / o_.rate));
                if (s.next_send == Clock::time_point{}) s.next_send = sent + interval * s.index / o_.sessions;
                if (s.next_send > sent) {
                    s.timer.expires_at(s.next_send);
                    beast::error_code ec;
                    co_await s.timer.async_wait(net::redirect_error(net::use_awaitable, ec));
                    if (stopping_) break;
                }
                sent = s.next_send;
                s.next_send += interval;
            }
            Exchange x;
            if (o_.plain_http) {
                prepare_request(s, http::verb::get, {});
                x = co_await exchange_plain(s);
            } else {
                const std::int64_t id = s.next_id++;
                prepare_request(s, http::verb::post, call_body(id));
                x = co_await exchange(s, id, false);
            }
            if (x.outcome == Outcome::ok) {
                on_call_done(sent, x.done);
            } else {
                count_error(x.outcome, s, o_.plain_http ? "GET" : "tools/call", sent);
                if (x.outcome == Outcome::session_lost) s.session_id.clear();  // re-initialize
            }
        }
        // Best-effort DELETE of the session (not after the hard cap).
        if (!s.session_id.empty() && !hard_capped_) {
            beast::error_code ec;
            bool up = s.connected;
            if (!up) up = co_await connect(s);
            if (up) {
                prepare_request(s, http::verb::delete_, {});
                s.stream.expires_after(std::chrono::seconds(2));
                co_await http::async_write(s.stream, s.req, net::redirect_error(net::use_awaitable, ec));
                if (!ec) {
                    http::response<http::string_body> res;
                    co_await http::async_read(s.stream, s.buf, res, net::redirect_error(net::use_awaitable, ec));
                    if (!ec && res.result_int() >= 200 && res.result_int() < 300) ++deleted_;
                }
            }
        }
        s.stream.close();
        s.connected = false;
        on_task_done();
    }

    net::awaitable<void> idle_worker(Session& s) {
        const std::uint64_t max_failures = std::max<std::uint64_t>(100, static_cast<std::uint64_t>(idle_target_) / 10);
        while (!stopping_ && claimed_ < idle_target_) {
            if (!s.connected) {
                if (!co_await connect(s)) {
                    ++errors_.connect;
                    if (errors_.total() > max_failures) break;
                    co_await sleep(s, std::chrono::milliseconds(100));
                }
                continue;  // re-check the target: other workers ran while this one connected
            }
            ++claimed_;
            if (co_await initialize(s)) {
                ++created_;
            } else {
                --claimed_;
                if (errors_.total() > max_failures) {
                    std::fprintf(stderr, "mcp_loadgen: too many failures, giving up\n");
                    stopping_ = true;
                }
            }
        }
        // The connection stays open (and the sessions on the server) until the process exits.
        on_task_done();
    }

    // ---- reports ----------------------------------------------------------------------------

    static double us(std::uint64_t ns) { return static_cast<double>(ns) / 1000.0; }

    std::string error_detail_json() const {
        const ErrorCounts& e = errors_;
        char buf[512];
        std::snprintf(buf, sizeof buf,
                      R"({"connect":%llu,"timeout":%llu,"disconnect":%llu,"http_status":%llu,"bad_json":%llu,)"
                      R"("rpc_error":%llu,"tool_error":%llu,"bad_response":%llu,"session_lost":%llu,"init_failed":%llu,)"
                      R"("never_initialized":%llu})",
                      static_cast<unsigned long long>(e.connect), static_cast<unsigned long long>(e.timeout),
                      static_cast<unsigned long long>(e.disconnect), static_cast<unsigned long long>(e.http_status),
                      static_cast<unsigned long long>(e.bad_json), static_cast<unsigned long long>(e.rpc_error),
                      static_cast<unsigned long long>(e.tool_error), static_cast<unsigned long long>(e.bad_response),
                      static_cast<unsigned long long>(e.session_lost), static_cast<unsigned long long>(e.init_failed),
                      static_cast<unsigned long long>(e.never_initialized));
        return buf;
    }

    int report_load() {
        const double window =
            measured_ ? std::chrono::duration<double>(measure_end_ - measure_start_).count() : 0.0;
        const std::uint64_t n = hist_.count();
        // A session that never got through initialize (e.g. its requests hung) is an error too.
        errors_.never_initialized = static_cast<std::uint64_t>(o_.sessions - ready_);
        const double rps = window > 0 ? static_cast<double>(n) / window : 0.0;
        const std::uint64_t errors = errors_.total();
        const double self_cpu = measured_ ? self_cpu_end_ - self_cpu_start_ : 0.0;
        std::optional<double> server_cpu;
        if (measured_ && server_cpu_start_ && server_cpu_end_) server_cpu = *server_cpu_end_ - *server_cpu_start_;

        if (o_.json) {
            std::string line;
            char buf[1024];
            std::snprintf(buf, sizeof buf,
                          R"({"mode":"%s","url":"%s","tool":"%s","sessions":%d,"sessions_ready":%d,)"
                          R"("duration_s":%.3f,"requests":%llu,"errors":%llu,"rps":%.1f,)"
                          R"("p50_us":%.1f,"p90_us":%.1f,"p99_us":%.1f,"p999_us":%.1f,"max_us":%.1f,"mean_us":%.1f,)"
                          R"("offered_rps":%.1f,"loadgen_cpu_util":%.3f,)",
                          o_.plain_http ? "http" : "load", json_escape(o_.url).c_str(),
                          o_.plain_http ? "GET" : json_escape(o_.tool).c_str(), o_.sessions, ready_, window,
                          static_cast<unsigned long long>(n), static_cast<unsigned long long>(errors), rps,
                          us(hist_.percentile(50)), us(hist_.percentile(90)), us(hist_.percentile(99)),
                          us(hist_.percentile(99.9)), us(hist_.max()), hist_.mean() / 1000.0, o_.rate,
                          window > 0 ? self_cpu / window : 0.0);
            line += buf;
            if (server_cpu) {
                std::snprintf(buf, sizeof buf, R"("server_cpu_util":%.3f,"server_cpu_us_per_req":%.1f,)",
                              window > 0 ? *server_cpu / window : 0.0,
                              n ? *server_cpu * 1e6 / static_cast<double>(n) : 0.0);
                line += buf;
            }
            if (server_rss_end_) line += R"("server_rss_kib":)" + std::to_string(*server_rss_end_) + ",";
            std::snprintf(buf, sizeof buf, R"("deleted":%d,"sse_unterminated":%llu,"hard_cap":%s,"error_detail":)",
                          deleted_, static_cast<unsigned long long>(sse_unterminated_),
                          hard_capped_ ? "true" : "false");
            line += buf;
            line += error_detail_json();
            line += "}\n";
            std::fputs(line.c_str(), stdout);
        } else {
            if (o_.plain_http) std::printf("target        GET %s (plain HTTP, no MCP)\n", o_.url.c_str());
            else std::printf("target        %s  tool %s\n", o_.url.c_str(), o_.tool.c_str());
            std::printf("sessions      %d (%d initialized)\n", o_.sessions, ready_);
            std::printf("duration      %.2f s measured (after %.1f s warmup)\n", window, o_.warmup_s);
            std::printf("requests      %llu\n", static_cast<unsigned long long>(n));
            std::printf("errors        %llu  %s\n", static_cast<unsigned long long>(errors), error_detail_json().c_str());
            std::printf("requests/s    %.1f\n", rps);
            std::printf("latency us    p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (mean %.1f)\n",
                        us(hist_.percentile(50)), us(hist_.percentile(90)), us(hist_.percentile(99)),
                        us(hist_.percentile(99.9)), us(hist_.max()), hist_.mean() / 1000.0);
            std::printf("loadgen cpu   %.0f %% of one core\n", window > 0 ? 100.0 * self_cpu / window : 0.0);
            if (server_cpu)
                std::printf("server cpu    %.0f %% of one core, %.1f us per request\n",
                            window > 0 ? 100.0 * *server_cpu / window : 0.0,
                            n ? *server_cpu * 1e6 / static_cast<double>(n) : 0.0);
            if (server_rss_end_) std::printf("server rss    %ld KiB\n", *server_rss_end_);
            std::printf("deleted       %d sessions\n", deleted_);
            if (sse_unterminated_)
                std::printf("note          %llu SSE answers did not end within 1 s; connection dropped\n",
                            static_cast<unsigned long long>(sse_unterminated_));
        }
        std::fflush(stdout);
        if (hard_capped_) return 3;
        return (errors == 0 && n > 0 && !interrupted_) ? 0 : 1;
    }

    int report_list_tools() {
        const std::uint64_t errors = errors_.total();
        const std::size_t bytes = tools_json_.size();
        if (o_.json) {
            char buf[512];
            std::snprintf(buf, sizeof buf,
                          R"({"mode":"list_tools","url":"%s","ok":%s,"tools":%zu,"tools_bytes":%zu,)"
                          R"("approx_tokens":%zu,"message_bytes":%zu,"errors":%llu,"error_detail":)",
                          json_escape(o_.url).c_str(), listed_ ? "true" : "false", tools_count_, bytes, bytes / 4,
                          message_bytes_, static_cast<unsigned long long>(errors));
            std::fputs((buf + error_detail_json() + "}\n").c_str(), stdout);
        } else {
            std::printf("target        %s\n", o_.url.c_str());
            if (listed_) {
                std::printf("tools         %zu\n", tools_count_);
                std::printf("result.tools  %zu bytes (minified JSON), ~%zu tokens (bytes/4)\n", bytes, bytes / 4);
                std::printf("message       %zu bytes (the whole JSON-RPC answer as received)\n", message_bytes_);
            } else {
                std::printf("tools/list    failed\n");
            }
            std::printf("errors        %llu  %s\n", static_cast<unsigned long long>(errors), error_detail_json().c_str());
        }
        std::fflush(stdout);
        if (hard_capped_) return 3;
        return (errors == 0 && listed_) ? 0 : 1;
    }

    int report_idle() {
        const double secs = std::chrono::duration<double>(Clock::now() - idle_started_).count();
        std::optional<long> after;
        if (o_.pid) {
            if (o_.settle_s > 0) std::this_thread::sleep_for(seconds(o_.settle_s));
            after = read_vmrss_kib(o_.pid);
        }
        const std::uint64_t errors = errors_.total();
        std::optional<double> per;
        if (rss_before_ && after && created_ > 0)
            per = static_cast<double>(*after - *rss_before_) / static_cast<double>(created_);
        if (o_.json) {
            std::string line = R"({"mode":"idle","url":")" + json_escape(o_.url) + R"(","sessions":)" +
                               std::to_string(o_.idle_sessions) + R"(,"created":)" + std::to_string(created_) +
                               R"(,"errors":)" + std::to_string(errors);
            char buf[256];
            std::snprintf(buf, sizeof buf, R"(,"warmup_created":%d,"seconds":%.3f,"sessions_per_s":%.1f)", warmup_created_, secs,
                          secs > 0 ? static_cast<double>(created_) / secs : 0.0);
            line += buf;
            if (rss_before_) line += R"(,"rss_before_kib":)" + std::to_string(*rss_before_);
            if (after) line += R"(,"rss_after_kib":)" + std::to_string(*after);
            if (per) {
                std::snprintf(buf, sizeof buf, R"(,"rss_per_session_kib":%.3f)", *per);
                line += buf;
            }
            line += R"(,"hard_cap":)" + std::string(hard_capped_ ? "true" : "false") + R"(,"error_detail":)" +
                    error_detail_json() + "}\n";
            std::fputs(line.c_str(), stdout);
        } else {
            std::printf("target        %s\n", o_.url.c_str());
            std::printf("created       %d of %d sessions in %.2f s (%.0f/s), left open\n", created_, o_.idle_sessions,
                        secs, secs > 0 ? static_cast<double>(created_) / secs : 0.0);
            if (warmup_created_) std::printf("warmup        %d sessions created (left open) before the baseline\n", warmup_created_);
            std::printf("errors        %llu  %s\n", static_cast<unsigned long long>(errors), error_detail_json().c_str());
            if (rss_before_) std::printf("rss before    %ld KiB\n", *rss_before_);
            if (after) std::printf("rss after     %ld KiB\n", *after);
            if (per) std::printf("per session   %.3f KiB\n", *per);
            if (o_.pid && (!rss_before_ || !after)) std::printf("rss           could not read /proc/%d/status\n", o_.pid);
        }
        std::fflush(stdout);
        if (hard_capped_) return 3;
        return (errors == 0 && created_ == o_.idle_sessions) ? 0 : 1;
    }

    net::io_context& ioc_;
    Options o_;
    net::steady_timer phase_timer_;
    net::steady_timer hard_timer_;
    net::steady_timer drain_timer_;
    net::steady_timer go_timer_;  // never expires; cancelled to release sessions waiting to start
    net::signal_set signals_;
    std::vector<std::unique_ptr<Session>> sessions_;
    simdjson::dom::parser json_parser_;  // one thread: one parser for all sessions
    Clock::duration timeout_{};
    std::string call_prefix_, call_suffix_;

    Phase phase_ = Phase::init;
    bool stopping_ = false;
    bool hard_capped_ = false;
    bool interrupted_ = false;
    bool measured_ = false;
    int active_ = 0;
    int ready_ = 0;
    int deleted_ = 0;
    int claimed_ = 0;
    int created_ = 0;
    int idle_target_ = 0;
    int warmup_created_ = 0;
    std::uint64_t sse_unterminated_ = 0;
    bool capture_tools_ = false;
    bool listed_ = false;
    std::string tools_json_;
    std::size_t tools_count_ = 0, message_bytes_ = 0;
    ErrorCounts errors_;
    bench::LatencyHistogram hist_;
    Clock::time_point start_{}, measure_start_{}, measure_end_{}, idle_started_{};
    double self_cpu_start_ = 0, self_cpu_end_ = 0;
    std::optional<double> server_cpu_start_, server_cpu_end_;
    std::optional<long> server_rss_end_, rss_before_;
};

}  // namespace

int main(int argc, char** argv) {
    Options opts = parse_args(argc, argv);
    // The histogram is ~30 KB; keep the runner on the heap.
    net::io_context ioc(1);
    auto runner = std::make_unique<Runner>(ioc, std::move(opts));
    const int rc = runner->run();
    std::fflush(stdout);
    std::fflush(stderr);
    // After a hard cap some coroutine frames may still be queued in the io_context; skip teardown.
    std::_Exit(rc);
}
