"""bench/run --mix, --burst and --instances: storefront-shaped traffic from the load generator bench/load/Load.java,
open-loop and measured per route (bench/README.md, "A storefront's mix" and "A burst of logins"). Called by
driver.py's Bench.run; standard library only.
"""
import datetime
import json
import math
import os
import re
import subprocess
import time

from driver import ARCHIVE, BENCH, ROOT, PASSWORD, CpuMeter, Service, log, platform_line, sql

# Per 1,000 scheduled requests (issue 22). A 200 register is followed by its create_customer, a 200 otp_send by
# its otp_verify once the code reached the sink, so 1,000 scheduled requests make about 1,100.
MIX = {"me": 700, "login": 100, "register": 50, "otp_send": 50, "profile_update": 30, "contact_request": 20,
       "reset_request": 20, "refresh": 30}
FOLLOW_UPS = {"register": "create_customer", "otp_send": "otp_verify"}
MIX_ROUTES = ["me", "login", "register", "create_customer", "otp_send", "otp_verify", "profile_update",
              "contact_request", "reset_request", "refresh"]
WHAT = {
    "me": "`GET /store/customers/me` with a login token",
    "login": "`POST /auth/customer/emailpass`, a random seeded customer (Argon2id)",
    "register": "`POST /auth/customer/emailpass/register`, a new email (Argon2id)",
    "create_customer": "`POST /store/customers` with the token the register answered (queues a verification email)",
    "otp_send": "`POST /store/customers/otp/send` (email) for a fresh unverified customer",
    "otp_verify": "`POST /store/customers/otp/verify` with the code the send produced, once the sink has it",
    "profile_update": "`POST /store/customers/me` `{first_name}` with a login token",
    "contact_request": "`POST /store/customers/me/contact` to a new email",
    "reset_request": "`POST /auth/customer/emailpass/reset-password` for a seeded customer, each in turn",
    "refresh": "`POST /auth/token/refresh` with a login token",
}
HASHING = {"login", "register"}  # their p99 includes the wait for Argon2id: reported, not budgeted (SPEC 11)
CAPACITY_CONNECTIONS = 16
OPEN_CONNECTIONS = [16, 64]
OPEN_SHARE = 0.6  # the mix runs open-loop at 60 % of its closed-loop capacity
BURST_SHARE = 0.5  # me runs at 50 % of its capacity during the burst
LOGIN_WARMUP_S = 30  # --burst: seconds of logins before it, unless --burst-cold
BUDGET_ME_P99_MS = 25.0
BUDGET_ROUTE_P99_MS = 60.0
BUDGET_BURST_FACTOR = 2.0
CODE = re.compile(r"(?<![0-9A-Za-z+])[0-9]{6}(?![0-9A-Za-z])")
# So that neither a resend throttle nor a per-destination budget shapes the mix (the results say so).
MIX_PROPERTIES = ["--customer-registration.password-reset.resend-throttle-seconds=0"]


class LoadGenerator:
    """bench/load/Load.java, compiled once per run; each run() is one process, whose measured window the driver
    brackets with CPU readings of every party (the generator's own pid included)."""

    def __init__(self, bench):
        self.bench = bench
        self.classes = os.path.join(bench.workdir, "load-classes")
        subprocess.run(["javac", "-d", self.classes, os.path.join(BENCH, "load", "Load.java")], check=True)
        self.runs = 0

    def run(self, name, services, **options):
        """Runs the generator with --option value pairs; returns its result with "cpu_us" (per request) and
        "cpu_cores" (cores busy on average) of each party over the measured window."""
        self.runs += 1
        out = os.path.join(self.bench.workdir, f"load-{self.runs}-{name}.json")
        sent = os.path.join(self.bench.workdir, f"load-{self.runs}-{name}-sent.txt")
        arguments = {"targets": ",".join(s.base for s in services), "out": out, "sent": sent, "handshake": "1",
                     "password": PASSWORD, "customers": self.bench.args.customers,
                     "run": f"{self.bench.run_id}-{self.runs}",  # new emails unique across the run's processes
                     "sink": self.bench.sink_file, **options}
        command = ["java", "-XX:+UseSerialGC", "-Xmx256m", "-cp", self.classes, "Load"]
        for key, value in arguments.items():
            command += [f"--{key.replace('_', '-')}", str(value)]
        with open(os.path.join(self.bench.workdir, f"load-{self.runs}-{name}.log"), "w") as logfile:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=logfile, text=True)
            meter, cpu_end, started = None, None, None
            for line in process.stdout:
                if line.strip() == "BEGIN":
                    meter, started = CpuMeter(services=services, sink=self.bench.sink, load_pid=process.pid), time.monotonic()
                elif line.strip() == "END":
                    cpu_end, wall = meter.read(), time.monotonic() - started
                    process.stdin.write("\n")
                    process.stdin.flush()
            if process.wait() != 0 or cpu_end is None:
                raise SystemExit(f"the load generator failed ({name}); see {logfile.name}")
        with open(out) as f:
            result = json.load(f)
        result["cpu_us"] = meter.per_request(result["requests"], cpu_end)
        result["cpu_cores"] = {party: round(us * result["requests"] / 1e6 / wall, 2) for party, us in result["cpu_us"].items()}
        with open(sent) as f:
            result["code_recipients"] = [line.strip() for line in f if line.strip()]
        return result


def goodput(result):
    """2xx answers per second: the capacity the open-loop rates are a share of. A refusal (503 when the hashing
    queue is full) is answered fast, and counting it would overstate what the service can serve."""
    return sum(n for entry in result["routes"].values() for status, n in entry["statuses"].items()
               if status.startswith("2")) / result["seconds"]


class Traffic:
    """--mix and --burst on the services of one run (one, or two with --instances 2)."""

    def __init__(self, bench):
        self.bench = bench
        self.args = bench.args
        self.load = LoadGenerator(bench)
        self.services = [bench.service]
        self.recipients = []  # every code the runs had sent: each must be delivered exactly once
        self.notes = []

    def start_instances(self):
        for n in range(2, self.args.instances + 1):
            other = Service(self.args, self.bench.workdir, self.bench.database, self.bench.secret, self.bench.sink_ports)
            other.label = f"instance-{n}"
            other.extra_properties = MIX_PROPERTIES
            archive = os.path.join(self.bench.workdir, ARCHIVE.get(self.args.launch, "-"))
            log(f"starting instance {n} on the same database ...")
            other.start(other.label, "use" if os.path.exists(archive) and not self.args.jfr else None)
            self.services.append(other)

    def stop_instances(self):
        for service in self.services[1:]:
            service.stop()

    def otp_range(self, rate, seconds):
        """Fresh unverified customers for the OTP sends of a run at `rate` req/s for `seconds`, with room to spare."""
        need = math.ceil(rate * seconds * MIX["otp_send"] / 1100 * 1.5) + 200
        env = self.bench.otp_customers(need)
        return {"otp_from": env["BENCH_FROM"], "otp_to": env["BENCH_TO"]}

    def wait_for_outbox(self, limit_s):
        """Waits (at most limit_s) until no message waits for delivery; returns how many still do."""
        deadline = time.monotonic() + limit_s
        while True:
            waiting = int(sql(self.bench.database, "SELECT count(*) FROM notification_outbox "
                                                   "WHERE status IN ('pending', 'retrying')", capture=True) or 0)
            if waiting == 0 or time.monotonic() > deadline:
                return waiting
            time.sleep(1)

    def phase(self, name, rate_guess, **options):
        seconds = float(options.get("warmup", 0)) + float(options.get("duration", 0))
        result = self.load.run(name, self.services, **self.otp_range(rate_guess, seconds), **options)
        self.recipients += result.pop("code_recipients")
        log(f"{name}: {result['rps']:.0f} req/s; " + "; ".join(
            f"{route} p99 {entry['p99_ms']:.1f} ms" + (f" errors {entry['errors']}" if entry["errors"] else "")
            for route, entry in sorted(result["routes"].items())) + "; CPU µs/request " + CpuMeter.text(result["cpu_us"]))
        waiting = self.wait_for_outbox(60)
        if waiting:
            self.notes.append(f"after {name}, {waiting} messages still waited for delivery after 60 s; the next run "
                              "began beside their delivery")
        return result

    # ------------------------------------------------------------------ --mix
    def run_mix(self):
        args = self.args
        tokens = self.bench.ensure_login_tokens()
        mix = ",".join(f"{route}={weight}" for route, weight in MIX.items())
        log(f"mix: capacity, closed loop at c{CAPACITY_CONNECTIONS} after {args.warmup} s of warm-up ...")
        capacity = self.phase("mix-capacity", 3000, mode="closed", connections=CAPACITY_CONNECTIONS, mix=mix,
                              tokens=tokens, warmup=args.warmup, duration=args.duration)
        rate = round(goodput(capacity) * OPEN_SHARE, 1)
        runs = {}
        for c in OPEN_CONNECTIONS:
            log(f"mix: open loop at {rate} req/s ({OPEN_SHARE:.0%} of capacity), c{c}, {args.duration} s ...")
            runs[f"c{c}"] = self.phase(f"mix-open-c{c}", rate, mode="open", rate=rate, connections=c, mix=mix,
                                       tokens=tokens, warmup=5, duration=args.duration)
        data = {"kind": self.kind("mix"), "mix_per_1000": MIX, "follow_ups": FOLLOW_UPS, "capacity": capacity,
                "open_share": OPEN_SHARE, "rate": rate, "runs": runs, "instances": len(self.services)}
        data["budget"] = mix_budget(runs.get(f"c{CAPACITY_CONNECTIONS}"))
        return data

    # ------------------------------------------------------------------ --burst
    def run_burst(self):
        args = self.args
        tokens = self.bench.ensure_login_tokens()
        if not args.burst_cold:
            # A store's service has served logins before a burst comes: without this, the burst measured the JIT
            # compiling the login path on the cores me needed.
            log(f"burst: logins warm up, closed loop at c4 for {LOGIN_WARMUP_S} s ...")
            self.phase("login-warmup", 0, mode="closed", connections=4, mix="login=1", tokens=tokens,
                       warmup=0, duration=LOGIN_WARMUP_S)
        log(f"burst: me's capacity, closed loop at c{CAPACITY_CONNECTIONS} after {args.warmup} s of warm-up ...")
        capacity = self.phase("me-capacity", 0, mode="closed", connections=CAPACITY_CONNECTIONS, mix="me=1",
                              tokens=tokens, warmup=args.warmup, duration=args.duration)
        rate = round(goodput(capacity) * BURST_SHARE, 1)
        log(f"burst: me open loop at {rate} req/s, {args.burst_logins} logins at once after 10 s, then 10 s more ...")
        run = self.phase("burst", 0, mode="burst", rate=rate, connections=CAPACITY_CONNECTIONS, mix="me=1",
                         tokens=tokens, warmup=5, burst_at=10, after=10, burst_logins=args.burst_logins)
        burst = run["burst"]
        before, during = burst["me_before"]["p99_ms"], burst["me_during"]["p99_ms"]
        budget = [{"check": f"me p99 during the burst <= {BUDGET_BURST_FACTOR:g} × before",
                   "value": f"{during:.1f} ms during, {before:.1f} ms before",
                   "ok": during <= BUDGET_BURST_FACTOR * before}]
        return {"kind": self.kind("burst"), "capacity_me": capacity, "burst_share": BURST_SHARE, "rate": rate,
                "run": run, "instances": len(self.services), "budget": budget}

    def kind(self, name):
        return name if len(self.services) == 1 else f"{name}-{len(self.services)}-instances"

    # ------------------------------------------------------------------ exactly once
    def delivery_check(self):
        """Every code the runs sent (2xx otp/send, the verification email of each created customer, each 2xx
        contact change) delivered exactly once: deliveries counted per (recipient, code) in the sink's file."""
        limit = min(self.args.otp_wait, 120)
        log(f"delivery check: waiting (at most {limit} s) for the outbox to drain, then counting the sink's deliveries ...")
        waiting = self.wait_for_outbox(limit)
        time.sleep(1)  # a message sent just now may still be on its way into the sink's file
        expected = set(self.recipients)
        delivered = {}
        with open(self.bench.sink_file) as f:
            for line in f:
                message = json.loads(line)
                if message["to"] in expected:
                    code = CODE.search(message["text"])
                    delivered.setdefault(message["to"], []).append(code.group(0) if code else None)
        missing = sorted(r for r in expected if not delivered.get(r))
        duplicated = {r: codes for r, codes in delivered.items() if len(codes) != len(set(codes))}
        several = {r: codes for r, codes in delivered.items() if len(set(codes)) > 1}
        check = {"codes_sent": len(self.recipients), "recipients": len(expected), "delivered": len(delivered),
                 "missing": len(missing), "duplicated": len(duplicated), "several_codes": len(several),
                 "still_waiting_in_outbox": waiting, "missing_examples": missing[:5],
                 "duplicated_examples": dict(list(duplicated.items())[:5])}
        log(f"delivery check: {check['codes_sent']} codes sent, {check['missing']} missing, {check['duplicated']} "
            f"delivered more than once, {waiting} still waiting")
        return check

    # ------------------------------------------------------------------ the results
    def report(self, data):
        commit = self.bench.commit()
        data.update(commit=commit, date=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                    cores=os.cpu_count(), customers=self.args.customers, duration_s=self.args.duration,
                    jvm_opts=self.args.jvm_opts, notes=self.notes + self.bench.notes)
        markdown = render_mix(data, self.args) if data["kind"].startswith("mix") else render_burst(data, self.args)
        out = os.path.join(ROOT, self.args.out_dir)
        os.makedirs(out, exist_ok=True)
        name = f"{datetime.date.today().isoformat()}-{commit}-{data['kind']}"
        with open(os.path.join(out, f"{name}.md"), "w") as f:
            f.write(markdown)
        with open(os.path.join(out, f"{name}.json"), "w") as f:
            f.write(json.dumps(data, indent=2) + "\n")
        update_latest(out, data["kind"].replace("-", "_"), data)
        print(markdown)
        log(f"wrote {os.path.join(self.args.out_dir, name)}.md, .json and latest.json (key {data['kind'].replace('-', '_')})")


def update_latest(out, key, data):
    """Sets one key of latest.json, keeping what the other kinds of run wrote there."""
    path = os.path.join(out, "latest.json")
    latest = {}
    if os.path.exists(path):
        with open(path) as f:
            latest = json.load(f)
    latest[key] = data
    with open(path, "w") as f:
        f.write(json.dumps(latest, indent=2) + "\n")


def mix_budget(run):
    """Issue 22's budget of the mix at 16 connections: me p99 <= 25 ms, every route that does not hash a password
    p99 <= 60 ms and no errors; login and register report their queueing and refusals instead (SPEC 11)."""
    if not run:
        return []
    checks = []
    for route in MIX_ROUTES:
        entry = run["routes"].get(route)
        if not entry:
            continue
        if route in HASHING:
            refused = {s: n for s, n in entry["statuses"].items() if not s.startswith("2")}
            checks.append({"check": f"{route} (hashes a password): reported, not budgeted",
                           "value": f"p50 {entry['p50_ms']:.1f} ms, p99 {entry['p99_ms']:.1f} ms from the due time "
                                    f"(service time p99 {entry['service_p99_ms']:.1f} ms); refused {refused or 'none'}"
                                    f", with Retry-After {entry['retry_after'] or 'none'}", "ok": None})
            continue
        limit = BUDGET_ME_P99_MS if route == "me" else BUDGET_ROUTE_P99_MS
        checks.append({"check": f"{route} p99 <= {limit:g} ms", "value": entry["p99_ms"], "ok": entry["p99_ms"] <= limit})
        checks.append({"check": f"{route} no errors", "value": entry["errors"], "ok": entry["errors"] == 0})
    return checks


def route_rows(routes):
    lines = ["| route | req/s | p50 ms | p99 ms | p99.9 ms | max ms | service p99 ms | errors (by status) |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for route in MIX_ROUTES + sorted(set(routes) - set(MIX_ROUTES)):
        e = routes.get(route)
        if e:
            refused = {s: n for s, n in e["statuses"].items() if not s.startswith("2")}
            if e["io_errors"]:
                refused["socket"] = e["io_errors"]
            lines.append(f"| {route} | {e['rps']:.1f} | {e['p50_ms']:.2f} | {e['p99_ms']:.2f} | {e['p999_ms']:.2f} | "
                         f"{e['max_ms']:.1f} | {e['service_p99_ms']:.2f} | {e['errors']}"
                         f"{' ' + json.dumps(refused) if refused else ''} |")
    return lines


def cpu_rows(runs):
    lines = ["| run | req/s | service | PostgreSQL | sink | generator | machine |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, run in runs.items():
        cells = [f"{run['cpu_us'].get(p, 0):.0f} µs · {run['cpu_cores'].get(p, 0):.2f}"
                 for p in ("service", "postgres", "sink", "load", "machine")]
        lines.append(f"| {name} | {run['rps']:.0f} | " + " | ".join(cells) + " |")
    return lines


def header(data, args, title):
    return [f"# {title} {data['date'][:10]} at {data['commit']}", "",
            f"- machine: {data['cores']} cores, {platform_line()}; **the machine may have been shared** with other "
            "builds and test runs during this run",
            f"- {data['instances']} service instance{'s' if data['instances'] > 1 else ''} on one PostgreSQL database "
            f"({data['customers']:,} customers)"
            + (", the generator's connections round-robin between them" if data["instances"] > 1 else ""),
            f"- JVM options `{data['jvm_opts']}`; load generator bench/load/Load.java (one thread and one "
            "HTTP/1.1 connection per connection; open-loop latency measured from each request's due time)",
            "- raised for the run so that they do not shape the figures: `rate-limit.enabled=false`, the email, phone "
            "and password-reset resend throttles 0",
            "- notifications: SMTP and SMS webhook to a local sink (bench/sink.py), on the same cores"]


def render_mix(data, args):
    lines = header(data, args, "Mix")
    lines += ["", "The mix, per 1,000 scheduled requests (a 200 register is followed by its create_customer, a 200 "
              "otp_send by its otp_verify once the code reached the sink: about 1,100 requests in all):", "",
              "| route | per 1,000 | what one request is |", "|---|---:|---|"]
    for route in MIX_ROUTES:
        weight = MIX.get(route) or next(f"(follows {r})" for r, f in FOLLOW_UPS.items() if f == route)
        lines.append(f"| {route} | {weight} | {WHAT[route]} |")
    capacity = data["capacity"]
    lines += ["", f"**Capacity** (closed loop, c{capacity['connections']}, after {args.warmup} s of warm-up, "
              f"{capacity['seconds']:.0f} s): **{capacity['rps']:.0f} req/s**, {goodput(capacity):.0f} of them 2xx. "
              "The open-loop runs send "
              f"**{data['rate']:.0f} req/s** ({data['open_share']:.0%} of it) for {args.duration} s each, after 5 s "
              "unmeasured. Latency is from each request's due time (queueing included); service time from its send.", ""]
    for level, run in [("capacity (closed loop, c16)", capacity)] + [(f"open loop {k}, {data['rate']:.0f} req/s", v)
                                                                     for k, v in data["runs"].items()]:
        lines += [f"### {level}: {run['rps']:.0f} req/s", ""] + route_rows(run["routes"]) + [""]
        if run.get("otp_codes_not_arrived") or run.get("follow_ups_not_sent"):
            lines += [f"At the end, {run['otp_codes_not_arrived']} OTP codes had not reached the sink yet and "
                      f"{run['follow_ups_not_sent']} follow-ups were not sent.", ""]
    lines += ["CPU per request in µs of one core · cores busy on average: the service (all instances), PostgreSQL "
              "(all its processes), the sink, the load generator, and the machine as a whole.", "",
              *cpu_rows({"capacity c16": capacity, **{f"open {k}": v for k, v in data["runs"].items()}}), ""]
    if check := data.get("delivery"):
        lines += ["## Every code delivered exactly once", "",
                  f"{check['codes_sent']} codes were sent (2xx otp/send, the verification email of each created "
                  f"customer, 2xx contact changes) to {check['recipients']} recipients: **{check['missing']} missing, "
                  f"{check['duplicated']} delivered more than once**, {check['several_codes']} recipients with more than "
                  f"one code; {check['still_waiting_in_outbox']} messages still waited in the outbox when counted.", ""]
    lines += budget_lines(data["budget"], f"## Budget (open loop, c{CAPACITY_CONNECTIONS})")
    if data["notes"]:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in data["notes"]]
    return "\n".join(lines) + "\n"


def render_burst(data, args):
    run, burst = data["run"], data["run"]["burst"]
    lines = header(data, args, "Login burst")
    lines += ["", f"`me`'s capacity (closed loop, c16, after {args.warmup} s of warm-up): "
              f"**{goodput(data['capacity_me']):.0f} req/s** (2xx). `me` then ran open-loop at **{data['rate']:.0f} req/s** "
              f"({data['burst_share']:.0%}) on 16 connections; 10 s in, **{burst['logins']} logins** arrived at once, "
              f"each on its own new connection; `me` went on 10 s after the last login was answered. The burst lasted "
              f"{burst['during_s']:.2f} s (first login sent to last answered). "
              + ("The login path was cold (`--burst-cold`)." if args.burst_cold else
                 f"The login path had been warmed up first ({LOGIN_WARMUP_S} s of logins at c4)."), "",
              "| me | requests | p50 ms | p99 ms | p99.9 ms | max ms |", "|---|---:|---:|---:|---:|---:|"]
    for window in ("before", "during", "after"):
        e = burst[f"me_{window}"]
        lines.append(f"| {window} | {e['requests']} | {e['p50_ms']:.2f} | {e['p99_ms']:.2f} | {e['p999_ms']:.2f} | {e['max_ms']:.1f} |")
    windows = burst.get("me_during_windows", {})
    if windows:
        lines += ["", "`me` during the burst, by when it was due (ms after the first login was sent):", "",
                  "| from ms | to ms | requests | p50 ms | p99 ms | max ms |", "|---:|---:|---:|---:|---:|---:|"]
        for start, e in sorted(windows.items(), key=lambda item: int(item[0])):
            lines.append(f"| {start} | {e['to_ms']} | {e['requests']} | {e['p50_ms']:.2f} | {e['p99_ms']:.2f} | {e['max_ms']:.1f} |")
    served = burst["served"]
    lines += ["", f"Logins: {served['count']} served (p50 {served['p50_ms']:.0f} ms, p99 {served['p99_ms']:.0f} ms, "
              f"max {served['max_ms']:.0f} ms from the moment all were sent); answers by status "
              f"{json.dumps(burst['answers'])}; with Retry-After {json.dumps(burst['retry_after'])}.", "",
              f"`me` over the whole run: {run['routes'].get('me', {}).get('errors', 0)} errors.", "",
              "CPU per request in µs of one core · cores busy on average:", "",
              *cpu_rows({"me capacity c16": data["capacity_me"], "burst run": run}), ""]
    lines += budget_lines(data["budget"], "## Budget")
    if data["notes"]:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in data["notes"]]
    return "\n".join(lines) + "\n"


def budget_lines(checks, title):
    lines = [title, ""]
    for check in checks:
        mark = "REPORT" if check["ok"] is None else "PASS" if check["ok"] else "**MISS**"
        lines.append(f"- {mark} {check['check']}: {check['value']}")
    return lines


def run_traffic(bench):
    """--mix and/or --burst (with --instances): the modes that replace the per-route runs."""
    traffic = Traffic(bench)
    results = []
    try:
        traffic.start_instances()
        if bench.args.mix:
            mix = traffic.run_mix()
            results.append(mix)
        if bench.args.burst:
            results.append(traffic.run_burst())
        if bench.args.mix:  # the burst sends no codes
            check = mix["delivery"] = traffic.delivery_check()
            if len(traffic.services) > 1:
                mix["budget"].append({"check": "every code sent delivered exactly once",
                                      "value": f"{check['missing']} missing, {check['duplicated']} duplicated of "
                                               f"{check['codes_sent']}",
                                      "ok": check["missing"] == 0 and check["duplicated"] == 0})
    finally:
        traffic.stop_instances()
    for data in results:
        traffic.report(data)
