#!/usr/bin/env python3
"""One benchmark run of customer-registration; bench/run builds the jar and calls this. Standard library only.

Starts the service on a fresh PostgreSQL database with notifications going to bench/sink.py, seeds customers
with SQL, drives each route with wrk (bench/wrk/*.lua) at each concurrency, and writes
bench/results/<date>-<commit>.md, .json and latest.json. See bench/README.md.
"""
import argparse
import base64
import datetime
import glob
import hashlib
import hmac
import json
import math
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from statistics import median

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
ROUTES = ["trivial", "me", "login", "register", "create_customer", "otp_send", "otp_verify", "contact_request",
          "admin_search"]
# login runs before me: its tokens are the ones me and contact_request use.
RUN_ORDER = ["trivial", "login", "me", "register", "create_customer", "otp_send", "otp_verify", "contact_request",
             "admin_search"]
TRIVIAL_PATH = "/actuator/health/liveness"
PASSWORD = "Bench-password-1"
PG = ["psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-X"]
# Budget of issue 7, checked on every run.
BUDGET_ME_RATIO = 0.7            # me ÷ trivial (SPEC §11, token checks from memory)
BUDGET_WRITE_OF_BOUND = 0.5      # a write route ÷ the bound of a write of its shape (issue 22)
WRITE_ROUTES = ["otp_send", "otp_verify", "contact_request"]
BUDGET_P99_MS = 25.0
BUDGET_LOGIN_EFFICIENCY = 0.9
BUDGET_RSS_IDLE_MIB = 200
BUDGET_READY_S = 4.0
BUDGET_ROUTES = ["me", "otp_send", "otp_verify", "contact_request"]
# The launcher options the service is benchmarked with (bench/README.md says why each one).
RECOMMENDED_JVM_OPTS = "-XX:+UseSerialGC -Xms32m -Xmx512m -XX:TrimNativeHeapInterval=2000"
ARCHIVE = {"cds": "app.jsa", "aot": "app.aot"}  # --launch: the file its first start records
# --versus: routes two services can share one database for; the write routes get disjoint inputs per side
VERSUS_ROUTES = ["trivial", "me", "otp_send", "otp_verify", "contact_request"]
JAVA = ["java"]  # --java


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sql(database, statement, capture=False):
    result = subprocess.run(PG + ["-d", database, "-At", "-c", statement], check=True, text=True,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL)
    return result.stdout.strip() if capture else None


def http(method, url, body=None, token=None, timeout=10):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_payload(token):
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def hs256(payload, secret, header=None):
    """A token signed with the HS256 secret; `header` copied from one of the service's tokens (kid, typ)."""
    header = b64url(json.dumps(header or {"alg": "HS256"}, separators=(",", ":")).encode())
    body = b64url(json.dumps(payload, separators=(",", ":")).encode())
    signature = hmac.new(secret.encode(), f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{b64url(signature)}"


def rss_kib(pid, field="VmRSS"):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def proc_stat(path):
    """(name, fields after the name) of a /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat, or None once gone."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return None
    return text[text.index("(") + 1:text.rindex(")")], text.rsplit(")", 1)[1].split()


def process_cpu(stat_fields, reaped_children=False):
    """CPU seconds (user + system) from the fields after the name in /proc/<pid>/stat; with reaped_children,
    also those of its children that have ended and been waited for."""
    ticks = int(stat_fields[11]) + int(stat_fields[12])
    if reaped_children:
        ticks += int(stat_fields[13]) + int(stat_fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def pid_cpu(pid):
    stat = proc_stat(f"/proc/{pid}/stat") if pid else None
    return process_cpu(stat[1]) if stat else 0.0


def postgres_cpu():
    """CPU seconds all of the PostgreSQL server's processes have used so far, its ended backends included: a
    connection's backend exits with it, and its time then counts in the postmaster's (its parent's) reaped
    children."""
    processes = {}
    for path in glob.glob("/proc/[0-9]*/stat"):
        stat = proc_stat(path)
        if stat and stat[0] == "postgres":
            processes[int(path.split("/")[2])] = stat[1]
    return sum(process_cpu(fields, reaped_children=int(fields[1]) not in processes)  # the postmaster
               for fields in processes.values())


def machine_cpu():
    """CPU seconds the machine has spent busy so far, on all cores (user, nice, system, irq, softirq)."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:8]]
    return (sum(values[:3]) + values[5] + values[6]) / os.sysconf("SC_CLK_TCK")


def children_cpu():
    """CPU seconds of this process's ended children (wrk, pgbench) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class CpuMeter:
    """Where a measurement's CPU went, per request: the service, PostgreSQL, the sink, the load generator (wrk or
    pgbench) and the machine as a whole (which adds the kernel's work that no process is charged for)."""

    def __init__(self, service=None, sink=None, services=None, load_pid=None):
        """services: several instances, counted together as the service; load_pid: a running load generator
        (bench/load/Load.java), counted instead of the ended children (wrk, pgbench)."""
        services = [s for s in (services or [service]) if s and s.process]
        self.service_pids = [s.process.pid for s in services]
        self.pids = {"service": self.service_pids[0] if self.service_pids else None, "sink": sink.pid if sink else None}
        self.load_pid = load_pid
        self.start = self.read()

    def read(self):
        return {"service": sum(pid_cpu(pid) for pid in self.service_pids), "postgres": postgres_cpu(),
                "sink": pid_cpu(self.pids["sink"]), "load": pid_cpu(self.load_pid) if self.load_pid else children_cpu(),
                "machine": machine_cpu()}

    @staticmethod
    def text(cpu):
        return ", ".join(f"{party} {us:.0f}" for party, us in cpu.items())

    def per_request(self, requests, end=None):
        """µs of CPU per request of each party, from the start until now (or until `end`, an earlier read())."""
        end = end or self.read()
        return {party: round((end[party] - self.start[party]) * 1e6 / max(1, requests), 1)
                for party in end if self.pids.get(party, True)}


class Service:
    """The service under test: one java process on the bench database."""

    def __init__(self, args, workdir, database, secret, sink_ports):
        self.args = args
        self.port = args.port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir
        self.database = database
        self.secret = secret
        self.sink_ports = sink_ports
        self.process = None
        self.peak_kib = 0
        self.sampler = None
        self.label = "this"
        self.extra_properties = []  # --mix, --burst: bench/mix.py's MIX_PROPERTIES

    def properties(self):
        smtp, http_port = self.sink_ports
        return [
            f"--server.port={self.port}",
            f"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/{self.database}",
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=",
            f"--customer-registration.jwt.secret={self.secret}",
            # Required outside dev mode (SPEC §11 "Keys and upgrade"); one for every service of the run.
            f"--customer-registration.secret-key={self.secret}-service-keys",
            "--customer-registration.public-url=http://bench.test",  # the same issuer on every instance
            # Notifications to the local sink, not the log.
            "--customer-registration.notifications.email.provider=smtp",
            "--spring.mail.host=127.0.0.1",
            f"--spring.mail.port={smtp}",
            "--customer-registration.notifications.sms.provider=webhook",
            f"--customer-registration.notifications.sms.webhook.url=http://127.0.0.1:{http_port}/sms",
            # Throttles and rate limits raised so that they do not shape the figures (the run says so).
            "--customer-registration.email-verification.resend-throttle-seconds=0",
            "--customer-registration.phone-verification.resend-throttle-seconds=0",
            "--customer-registration.rate-limit.enabled=false",
            # PostgreSQL is a production database: its start-up check refuses a localhost storefront-url unless allowed.
            "--customer-registration.allow-localhost-storefront=true",
            *self.extra_properties,
        ]

    def cpu_seconds(self):
        return pid_cpu(self.process.pid)

    def jit_seconds(self):
        """CPU seconds the JVM's JIT compiler threads have used so far."""
        threads = (proc_stat(path) for path in glob.glob(f"/proc/{self.process.pid}/task/*/stat"))
        return sum(process_cpu(fields) for name, fields in filter(None, threads) if "CompilerThre" in name)

    def start(self, label, cds=None):
        """Starts the service and returns the seconds until it is ready. With Class Data Sharing (--launch cds),
        the first start records the classes it loaded into an archive and later starts map it."""
        archive = os.path.join(self.workdir, ARCHIVE.get(self.args.launch, "app.jsa"))
        options = self.args.jvm_opts.split()
        if cds == "record":
            # JDK 24+ (--launch aot): the AOT cache holds classes loaded and linked, and method profiles.
            options.append(f"-XX:AOTCacheOutput={archive}" if self.args.launch == "aot" else f"-XX:ArchiveClassesAtExit={archive}")
        elif cds == "use":
            options.append(f"-XX:AOTCache={archive}" if self.args.launch == "aot" else f"-XX:SharedArchiveFile={archive}")
        if label == "bench" and self.args.jfr:
            # Stacks deeper than JFR's default 64 frames lose their root: a query's samples would not show its route.
            options += ["-XX:FlightRecorderOptions=stackdepth=256",
                        f"-XX:StartFlightRecording=filename={os.path.join(self.workdir, 'bench.jfr')},settings=profile"]
        command = [self.args.java, *options, "-jar", self.args.jar, *self.properties()]
        # glibc gives every thread that mallocs its own arena; two keep the service's native memory (and so its RSS)
        # from growing with the number of request threads.
        env = dict(os.environ, MALLOC_ARENA_MAX=str(self.args.malloc_arenas)) if self.args.malloc_arenas else None
        self.command = ([f"MALLOC_ARENA_MAX={self.args.malloc_arenas}"] if env else []) + command
        logfile = open(os.path.join(self.workdir, f"service-{label}.log"), "w")
        started = time.monotonic()
        self.process = subprocess.Popen(command, stdout=logfile, stderr=subprocess.STDOUT, cwd=self.workdir, env=env)
        deadline = started + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the service exited during start-up; see {logfile.name}")
            try:
                status, _ = http("GET", self.base + "/readyz", timeout=1)  # public also when management.server.port is set
                if status == 200:
                    ready = time.monotonic() - started
                    self.ready_cpu = self.cpu_seconds()
                    self.peak_kib = rss_kib(self.process.pid)
                    self.sampler = threading.Thread(target=self._sample, daemon=True)
                    self.sampler.start()
                    return ready
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                pass
            time.sleep(0.02)
        raise SystemExit("the service did not become ready within 120 s")

    def _sample(self):
        while self.process and self.process.poll() is None:
            self.peak_kib = max(self.peak_kib, rss_kib(self.process.pid))
            time.sleep(0.25)

    def rss_mib(self):
        return rss_kib(self.process.pid) / 1024

    def peak_mib(self):
        return max(self.peak_kib, rss_kib(self.process.pid, "VmHWM")) / 1024

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(90)  # writing the CDS archive at exit takes a few seconds
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None


class Bench:
    def __init__(self, args):
        self.args = args
        self.run_id = datetime.datetime.now(datetime.timezone.utc).strftime("%H%M%S") + secrets.token_hex(2)
        self.workdir = os.path.join(ROOT, "target", "bench", self.run_id)
        os.makedirs(self.workdir, exist_ok=True)
        self.database = f"bench_{self.run_id}"
        self.secret = "bench-" + secrets.token_hex(24)
        self.results = {}
        self.notes = []
        self.unavailable = []
        self.login_tokens = []
        self.pending_seeded = 0
        self.pending_used = 0
        self.otp_seeded = 0
        self.otp_next = 0
        self.otp_used = set()
        self.route_rates = {}
        self.warmups = {}
        self.delivery_rates = {}
        self.ceiling = None  # database_ceiling()
        self.other = None  # --versus: the other jar's service
        self.threads = max(1, min(os.cpu_count() or 2, min(args.connections)))

    # ---------------------------------------------------------------- set-up
    def hash_ms(self):
        if self.args.hash_ms:
            return self.args.hash_ms
        log("Argon2id hash time on one core (JMH, PasswordsBenchmark, implementation=shipped) ...")
        out = os.path.join(self.workdir, "hash.json")
        subprocess.run([os.path.join(BENCH, "jmh"), "PasswordsBenchmark.hash", "-p", "implementation=shipped",
                        "-t", "1", "-f", "1", "-wi", "3", "-w", "1", "-i", "10", "-r", "2", "-rf", "json", "-rff", out],
                       check=True, stdout=subprocess.DEVNULL)
        # The median of the iterations, not their mean: on a shared VM one slow iteration (33 ms among ten of
        # 24-28) moved the mean by a fifth, and a login efficiency above 1 came out of it.
        with open(out) as f:
            return median(json.load(f)[0]["primaryMetric"]["rawData"][0])

    def start_sink(self):
        self.sink_file = os.path.join(self.workdir, "sink.jsonl")
        ports = (free_port(), free_port())
        self.sink = subprocess.Popen([sys.executable, os.path.join(BENCH, "sink.py"), "--smtp-port", str(ports[0]),
                                      "--http-port", str(ports[1]), "--out", self.sink_file],
                                     stdout=subprocess.PIPE, text=True)
        self.sink.stdout.readline()
        return ports

    def prepare_database(self, service):
        subprocess.run(PG + ["-d", "postgres", "-c", f"CREATE DATABASE {self.database}"], check=True)
        cds = self.args.launch in ARCHIVE
        log(f"database {self.database}: migrating (first start{', recording the ' + self.args.launch.upper() + ' archive' if cds else ''}) ...")
        service.start("migrate", "record" if cds else None)
        # One real sign-up gives the password hash every seeded identity shares (made by the service's own
        # Passwords) and the claims of a registration token, the template of the tokens minted below.
        status, body = http("POST", service.base + "/auth/customer/emailpass/register",
                            {"email": "template@bench.test", "password": PASSWORD})
        if status != 200:
            raise SystemExit(f"registration for the template failed: {status} {body}")
        template = json.loads(body)["token"]
        self.registration_claims = jwt_payload(template)
        header = template.split(".")[0]
        self.registration_header = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
        # A few more requests, so that the CDS archive also holds the classes of the request paths.
        for _ in range(3):
            _, body = http("POST", service.base + "/auth/customer/emailpass",
                           {"email": "template@bench.test", "password": PASSWORD})
            http("GET", service.base + "/store/customers/me", token=json.loads(body).get("token"))
            http("GET", service.base + TRIVIAL_PATH)
        service.stop()
        self.password_hash = sql(self.database, "SELECT password_hash FROM provider_identity "
                                                "WHERE entity_id = 'template@bench.test'", capture=True)
        n = self.args.customers
        log(f"seeding {n:,} verified customers with their emailpass identities (SQL) ...")
        started = time.monotonic()
        self.seed_customers("BENCH", "bench-", 0, n, verified=True)
        # Vacuum now, so that autovacuum does not wake up for the fresh rows in the middle of a measurement.
        sql(self.database, "VACUUM (ANALYZE)")
        self.seed_seconds = time.monotonic() - started
        log(f"seeded in {self.seed_seconds:.1f} s")

    def seed_customers(self, tag, email_prefix, start, end, verified, phones=False):
        """Customers cus_<tag><i> (ids as long as real ULID ids) with emails <prefix><i>@bench.test and logins."""
        if end <= start:
            return
        width = 26 - len(tag)
        # Pool customers also have a phone (+1 999 ddd dddd: stored as is, never parsed), for SMS codes.
        phone_column = ", phone" if phones else ""
        phone_value = ", '+1999' || lpad(i::text, 7, '0')" if phones else ""
        statement = f"""
            BEGIN;
            INSERT INTO customer (id, email, first_name, last_name, has_account, email_verified, phone_verified,
                                  created_at, updated_at{phone_column})
            SELECT 'cus_{tag}' || lpad(i::text, {width}, '0'), '{email_prefix}' || i || '@bench.test', 'Bench',
                   'Customer ' || i, TRUE, {str(verified).upper()}, FALSE, now(), now(){phone_value}
            FROM generate_series({start}, {end - 1}) AS i;
            INSERT INTO auth_identity (id, actor_type, actor_id, credential_version, created_at, updated_at)
            SELECT 'authid_{tag}' || lpad(i::text, {width}, '0'), 'customer', 'cus_{tag}' || lpad(i::text, {width}, '0'),
                   1, now(), now()
            FROM generate_series({start}, {end - 1}) AS i;
            INSERT INTO provider_identity (id, auth_identity_id, actor_type, provider, entity_id, password_hash,
                                           created_at, updated_at)
            SELECT 'provid_{tag}' || lpad(i::text, {width}, '0'), 'authid_{tag}' || lpad(i::text, {width}, '0'),
                   'customer', 'emailpass', '{email_prefix}' || i || '@bench.test', '{self.password_hash}', now(), now()
            FROM generate_series({start}, {end - 1}) AS i;
            COMMIT;"""
        subprocess.run(PG + ["-d", self.database], input=statement, text=True, check=True)

    # ---------------------------------------------------------------- wrk
    def wrk(self, route, connections, seconds, env=None, script=None, service=None):
        environment = dict(os.environ, BENCH_LUA_DIR=os.path.join(BENCH, "wrk"), BENCH_THREADS=str(self.threads),
                           BENCH_RUN=self.run_id, BENCH_NONCE=str(time.monotonic_ns()), BENCH_PASSWORD=PASSWORD, BENCH_CUSTOMERS=str(self.args.customers))
        environment.update(env or {})
        command = ["wrk", "-t", str(self.threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
                   "--latency", "-s", os.path.join(BENCH, "wrk", (script or route) + ".lua"), (service or self.service).base]
        result = subprocess.run(command, env=environment, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        with open(os.path.join(self.workdir, f"wrk-{route}-c{connections}.txt"), "a") as f:
            f.write(result.stdout)
        match = re.search(r"^BENCH_RESULT (\{.*\})$", result.stdout, re.M)
        if not match:
            raise SystemExit(f"wrk gave no result for {route}:\n{result.stdout}")
        raw = json.loads(match.group(1))
        raw["rps"] = raw["requests"] / (raw["duration_us"] / 1e6)
        return raw

    def measure(self, route, connections, env=None, seconds=None):
        cpu = CpuMeter(self.service, self.sink)
        raw = self.wrk(route, connections, seconds or self.args.duration, env)
        entry = {"rps": round(raw["rps"], 1), "p50_ms": round(raw["p50_us"] / 1000, 2),
                 "p99_ms": round(raw["p99_us"] / 1000, 2), "non2xx": raw["status_errors"],
                 "cpu_us": cpu.per_request(raw["requests"])}
        if seconds and seconds != self.args.duration:
            entry["seconds"] = seconds
        socket_errors = raw["connect_errors"] + raw["read_errors"] + raw["write_errors"] + raw["timeouts"]
        if socket_errors:
            entry["socket_errors"] = socket_errors
        refused = {status: n for status, n in sorted(raw["statuses"].items()) if not status.startswith("2")}
        if refused:
            entry["non2xx_by_status"] = refused
        if raw["input_reused"]:
            entry["input_reused"] = raw["input_reused"]
            self.notes.append(f"{route} c{connections}: the pre-issued inputs ran out ({raw['input_reused']} "
                              "requests reused one), so part of its non-2xx count is the bench's, not the service's.")
        self.results.setdefault(route, {})[f"c{connections}"] = entry
        log(f"{route:16s} c{connections:<3d} {entry['rps']:9.1f} req/s  p50 {entry['p50_ms']:7.2f} ms  "
            f"p99 {entry['p99_ms']:7.2f} ms  non-2xx {entry['non2xx']}"
            + (f"  socket errors {socket_errors}" if socket_errors else "")
            + "  CPU µs/request: " + CpuMeter.text(entry["cpu_us"]))
        return raw

    def warm_up(self, route, env=None, service=None):
        """Unmeasured load until the JIT has settled: windows of --warmup seconds until the JIT compiler threads
        took under 5 % of a core in a window and its req/s is within 5 % of the window before, for at most
        --warmup-max seconds; returns the last window's req/s. req/s alone was fooled on a slow VM: two windows
        agreed at 2,500-3,800 req/s while the compilers still ran; compiled, the route served 7,400. `env` may be
        a function of the previous window's req/s (None at first) giving each window fresh inputs."""
        service = service or self.service
        spent, rps, jit_share, previous = 0, None, 0.0, None
        while self.args.warmup > 0:
            jit = service.jit_seconds()
            rps = self.wrk(route + "-warmup", max(self.args.connections), self.args.warmup,
                           env(rps) if callable(env) else env, script=route, service=service)["rps"]
            jit_share = (service.jit_seconds() - jit) / self.args.warmup
            spent += self.args.warmup
            if (previous and jit_share < 0.05 and abs(rps - previous) <= 0.05 * previous) or spent >= self.args.warmup_max:
                name = route if service is self.service else f"{route} ({service.label})"
                log(f"{name}: warmed up for {spent} s (last window {rps:.0f} req/s, JIT compilers {jit_share:.0%} of a core)")
                self.warmups[name] = spent
                break
            previous = rps
        return rps

    def window_inputs(self, rate, seconds):
        """How many single-use inputs (customers, registration tokens) a run of `seconds` at `rate` req/s needs,
        with room to spare; 20,000 when the rate is not known yet."""
        return 20000 if rate is None else math.ceil(rate * seconds * 1.5) + 1000

    def available(self, route):
        probes = {
            "trivial": ("GET", TRIVIAL_PATH), "me": ("GET", "/store/customers/me"),
            "login": ("POST", "/auth/customer/emailpass"), "register": ("POST", "/auth/customer/emailpass/register"),
            "create_customer": ("POST", "/store/customers"), "otp_send": ("POST", "/store/customers/otp/send"),
            "otp_verify": ("POST", "/store/customers/otp/verify"),
            "contact_request": ("POST", "/store/customers/me/contact"),
            "admin_search": ("GET", "/admin/customers"),
        }
        method, path = probes[route]
        status, _ = http(method, self.service.base + path, None if method == "GET" else {})
        return status != 404

    # ---------------------------------------------------------------- inputs
    def write_input(self, name, lines):
        path = os.path.join(self.workdir, name)
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def read_captures(self, prefix):
        tokens = []
        for path in sorted(glob.glob(os.path.join(self.workdir, prefix + ".*"))):
            with open(path) as f:
                tokens.extend(line.strip() for line in f if line.strip())
        return tokens

    def one_per_customer(self, tokens):
        """One token per customer: two requests of one customer at once would race for its resend throttle."""
        return list({jwt_payload(token).get("actor_id"): token for token in tokens}.values())

    def ensure_login_tokens(self):
        self.login_tokens = self.one_per_customer(self.read_captures("login-tokens"))
        if len(self.login_tokens) < self.args.tokens:
            log(f"collecting login tokens for me/contact_request (have {len(self.login_tokens)}) ...")
            deadline = time.monotonic() + 60
            while len(self.login_tokens) < self.args.tokens and time.monotonic() < deadline:
                self.wrk("login-tokens", max(self.args.connections), 10, script="login",
                         env={"BENCH_CAPTURE": os.path.join(self.workdir, "login-tokens")})
                before = len(self.login_tokens)
                self.login_tokens = self.one_per_customer(self.read_captures("login-tokens"))
                if len(self.login_tokens) == before:
                    raise SystemExit("login gives no tokens; cannot run me/contact_request")
        return self.write_input("login-tokens.txt", self.login_tokens)

    def pending_registrations(self, count):
        """Registration tokens for identities seeded without a customer, minted from the service's own template."""
        start, end = self.pending_used, self.pending_used + count
        if end > self.pending_seeded:
            width = 26 - len("BENCHPEND")
            statement = f"""
                BEGIN;
                INSERT INTO auth_identity (id, actor_type, actor_id, credential_version, created_at, updated_at)
                SELECT 'authid_BENCHPEND' || lpad(i::text, {width}, '0'), 'customer', NULL, 1, now(), now()
                FROM generate_series({self.pending_seeded}, {end - 1}) AS i;
                INSERT INTO provider_identity (id, auth_identity_id, actor_type, provider, entity_id, password_hash,
                                               created_at, updated_at)
                SELECT 'provid_BENCHPEND' || lpad(i::text, {width}, '0'), 'authid_BENCHPEND' || lpad(i::text, {width}, '0'),
                       'customer', 'emailpass', 'pending-' || i || '@bench.test', '{self.password_hash}', now(), now()
                FROM generate_series({self.pending_seeded}, {end - 1}) AS i;
                COMMIT;"""
            subprocess.run(PG + ["-d", self.database], input=statement, text=True, check=True)
            self.pending_seeded = end
        now = int(time.time())
        lines = []
        for i in range(start, end):
            claims = dict(self.registration_claims, auth_identity_id=f"authid_BENCHPEND{i:017d}", iat=now,
                          exp=now + 3600)
            lines.append(f"{hs256(claims, self.secret, self.registration_header)} pending-{i}@bench.test")
        self.pending_used = end
        return self.write_input(f"pending-{start}.txt", lines)

    def otp_customers(self, count):
        """The next `count` unverified pool customers (cus_BENCHOTP<i>, otp-<i>@bench.test), seeded as needed."""
        start, end = self.otp_next, self.otp_next + count
        if end > self.otp_seeded:
            self.seed_customers("BENCHOTP", "otp-", self.otp_seeded, end, verified=False, phones=True)
            self.otp_seeded = end
        self.otp_next = end
        return {"BENCH_FROM": str(start), "BENCH_TO": str(end),
                "BENCH_CAPTURE": os.path.join(self.workdir, "otp-tokens")}

    def sink_codes(self):
        """Codes the sink received for pool customers: {(index, purpose): [code, ...]}, and messages per channel."""
        codes, per_channel = {}, {}
        with open(self.sink_file) as f:
            for line in f:
                message = json.loads(line)
                per_channel[message["channel"]] = per_channel.get(message["channel"], 0) + 1
                email = re.fullmatch(r"otp-(\d+)@bench\.test", message["to"])
                phone = re.fullmatch(r"\+1999(\d{7})", message["to"])
                if email or phone:
                    key = (int((email or phone).group(1)), "email_verification" if email else "phone_verification")
                    code = re.search(r"(?<![0-9A-Za-z+])[0-9]{6}(?![0-9A-Za-z])", message["text"])
                    codes.setdefault(key, []).append(code.group(0) if code else None)
        return codes, per_channel

    def otp_pairs(self, wait_for, max_wait=0):
        """(key, token, code) of pool customers with exactly one code of a purpose, read from the sink, unused.
        Waits (at most 5 minutes) for the outbox to deliver `wait_for` codes, measuring its delivery rate."""
        deadline, last, stable_since = time.monotonic() + max_wait, None, time.monotonic()
        while True:
            codes, per_channel = self.sink_codes()
            now = time.monotonic()
            if last:
                for channel, count in per_channel.items():
                    grown = count - last[1].get(channel, 0)
                    if grown > 0 and now - last[0] > 0.5 and count < wait_for:
                        self.delivery_rates.setdefault(channel, []).append(grown / (now - last[0]))
            if len(codes) >= wait_for or now > deadline:
                break
            if last and sum(per_channel.values()) != sum(last[1].values()):
                stable_since = now
            elif now - stable_since > 15:
                break
            last = (now, per_channel)
            time.sleep(2)
        tokens, customers = {}, None
        for token in self.read_captures("otp-tokens"):
            claims = jwt_payload(token)
            if "customer_id" not in claims:
                # Since the signing keys, an OTP token names only its code (otp_id): the code's row names the customer.
                customers = customers or dict(line.split("|") for line in sql(
                    self.database, "SELECT id, customer_id FROM otp_code WHERE customer_id LIKE 'cus_BENCHOTP%'",
                    capture=True).splitlines())
                claims["customer_id"] = customers.get(claims.get("otp_id"), "cus_BENCHOTP-1")
            key = (int(claims["customer_id"][len("cus_BENCHOTP"):]), claims["purpose"])
            tokens.setdefault(key, []).append(token)
        pairs = []
        for key, found in tokens.items():
            code = codes.get(key, [])
            if len(found) == 1 and len(code) == 1 and code[0] and key not in self.otp_used:
                pairs.append((key, found[0], code[0]))
        return pairs

    # ---------------------------------------------------------------- routes
    def run_route(self, route):
        connections = self.args.connections
        if route == "trivial":
            self.warm_up("trivial")
            for c in connections:
                self.measure("trivial", c)
        elif route == "login":
            # Measured warm: cold, the JIT compiled the whole request path on the cores the hashes need, and
            # login efficiency measured the compiler (0.57 on session 11's VM).
            self.warm_up("login")
            for c in connections:
                self.measure("login", c, {"BENCH_CAPTURE": os.path.join(self.workdir, "login-tokens")})
        elif route in ("me", "contact_request"):
            env = {"BENCH_INPUT": self.ensure_login_tokens()}
            self.warm_up(route, env)
            for c in connections:
                self.measure(route, c, env)
        elif route == "register":
            for c in connections:
                self.measure("register", c)
        elif route == "create_customer":
            rate = self.warm_up("create_customer", lambda rate: {
                "BENCH_INPUT": self.pending_registrations(self.window_inputs(rate, self.args.warmup))})
            self.clear_outbox("create_customer", after="its warm-up")
            for c in connections:
                need = self.window_inputs(rate, self.args.duration)
                rate = max(rate or 0, self.measure("create_customer", c, {"BENCH_INPUT": self.pending_registrations(need)})["rps"])
        elif route == "otp_send":
            rate = self.warm_up("otp_send", lambda rate: self.otp_customers(self.window_inputs(rate, self.args.warmup)))
            self.clear_outbox("otp_send", after="its warm-up")
            for c in connections:
                rate = max(rate or 0, self.measure("otp_send", c, self.otp_customers(self.window_inputs(rate, self.args.duration)))["rps"])
            self.route_rates["otp_send"] = rate
        elif route == "otp_verify":
            self.run_otp_verify(connections)
        elif route == "admin_search":
            env = {"BENCH_INPUT": self.admin_token()}
            self.warm_up("admin_search", env)
            for c in connections:
                self.measure("admin_search", c, env)

    def admin_token(self):
        """One admin user (seeded with SQL, sharing the template's password hash) and its login token, for admin_search."""
        sql(self.database, f"""
            INSERT INTO admin_user (id, email, created_at) VALUES ('user_BENCH', 'admin@bench.test', now())
              ON CONFLICT DO NOTHING;
            INSERT INTO auth_identity (id, actor_type, actor_id, credential_version, created_at, updated_at)
              VALUES ('authid_BENCHADMIN', 'user', 'user_BENCH', 1, now(), now()) ON CONFLICT DO NOTHING;
            INSERT INTO provider_identity (id, auth_identity_id, actor_type, provider, entity_id, password_hash, created_at, updated_at)
              VALUES ('provid_BENCHADMIN', 'authid_BENCHADMIN', 'user', 'emailpass', 'admin@bench.test', '{self.password_hash}', now(), now())
              ON CONFLICT DO NOTHING;""")
        status, body = http("POST", self.service.base + "/auth/user/emailpass", {"email": "admin@bench.test", "password": PASSWORD})
        if status != 200:
            raise SystemExit(f"admin login failed: {status} {body}")
        return self.write_input("admin-token.txt", [json.loads(body)["token"]])

    def clear_outbox(self, route, after="its runs"):
        """Deletes the messages a route left waiting for delivery (all to the bench's made-up addresses), so that
        no delivery backlog runs beside the next measurement: the next route's, or after a write route's warm-up
        its own (which then delivers only what it sends itself, as a service under steady load does)."""
        backlog = int(sql(self.database, "WITH gone AS (DELETE FROM notification_outbox WHERE status = 'pending' "
                                         "RETURNING 1) SELECT count(*) FROM gone", capture=True) or 0)
        if backlog:
            self.notes.append(f"{route}: {backlog:,} messages were still waiting in the outbox after {after}; they "
                              "were deleted, so that no delivery of them ran beside the next measurement.")
        return backlog

    def wait_for_codes(self, captured):
        """otp_pairs() after waiting (at most --otp-wait s) for the outbox to deliver `captured` codes, with
        --drainers more instances on the database helping to deliver."""
        log(f"otp_verify: waiting up to {self.args.otp_wait} s for the outbox to deliver codes ({captured} were "
            f"issued), with {self.args.drainers} more instances helping to deliver ...")
        helpers = []
        try:
            for n in range(self.args.drainers):
                helper = Service(self.args, self.workdir, self.database, self.secret, self.sink_ports)
                helper.start(f"drain-{n}", "use" if os.path.exists(
                    os.path.join(self.workdir, ARCHIVE.get(self.args.launch, "-"))) else None)
                helpers.append(helper)
            return self.otp_pairs(wait_for=captured, max_wait=self.args.otp_wait)
        finally:
            for helper in helpers:
                helper.stop()

    def run_otp_verify(self, connections):
        """Each verify needs a code that really went out, and the outbox delivers one message at a time (see the
        delivery rate in the results), far slower than otp/send issues them. So: wait (at most --otp-wait s)
        for the codes of the send runs, delete the rest of that backlog so that no delivery runs beside the
        verify runs, and shorten a verify run when the codes would not last the full duration (the results say
        so). Only when too few arrived, unmeasured phone sends (the SMS webhook drains faster) top them up."""
        pairs = self.wait_for_codes(len(self.read_captures("otp-tokens")))
        for _ in range(3):
            if len(pairs) >= 4000:
                break
            rate = self.route_rates.get("otp_send") or 300
            log(f"otp_verify: only {len(pairs)} codes; issuing phone codes through otp/send (unmeasured, 10 s) ...")
            env = dict(self.otp_customers(math.ceil(rate * 10 * 2) + 1000), BENCH_OTP_TYPE="phone_verification")
            raw = self.wrk("otp_send-topup", max(connections), 10, env, "otp_send")
            if raw["requests"] == raw["status_errors"]:
                raise SystemExit("otp/send gives no codes; cannot run otp_verify")
            pairs = self.otp_pairs(wait_for=4000, max_wait=self.args.otp_wait)
        if len(pairs) < 100:
            raise SystemExit(f"only {len(pairs)} codes were delivered; cannot run otp_verify")
        self.clear_outbox("otp_send")
        probe_pairs = pairs[:len(pairs) // 5]
        self.otp_used.update(key for key, _, _ in probe_pairs)
        pairs = pairs[len(probe_pairs):]
        rate = self.wrk("otp_verify-probe", max(connections), self.args.warmup or 5,
                        {"BENCH_INPUT": self.write_input("otp-probe.txt", [f"{t} {c}" for _, t, c in probe_pairs])},
                        script="otp_verify")["rps"]
        for n, c in enumerate(connections):
            share = len(pairs) // (len(connections) - n)
            seconds = self.args.duration
            if share < rate * seconds * 1.6:
                seconds = max(3, int(share / (rate * 1.6)))
                self.notes.append(f"otp_verify c{c}: measured for {seconds} s, not {self.args.duration} s: the "
                                  f"{share:,} delivered codes for it would not last longer at the probed rate.")
            chosen, pairs = pairs[:share], pairs[share:]
            self.otp_used.update(key for key, _, _ in chosen)
            rate = max(rate, self.measure("otp_verify", c, {"BENCH_INPUT": self.write_input(
                f"otp-pairs-c{c}.txt", [f"{t} {code}" for _, t, code in chosen])}, seconds)["rps"])

    # ---------------------------------------------------------------- run
    def run(self):
        args = self.args
        traffic = args.mix or args.burst
        hash_ms = None if traffic else self.hash_ms()  # login efficiency is measured with logins alone
        if hash_ms:
            log(f"Argon2id hash: {hash_ms:.2f} ms on one core")
        sink_ports = self.sink_ports = self.start_sink()
        self.service = Service(args, self.workdir, self.database, self.secret, sink_ports)
        if traffic:
            import mix
            self.service.extra_properties = mix.MIX_PROPERTIES
        try:
            self.prepare_database(self.service)
            archived = args.launch in ARCHIVE and os.path.exists(os.path.join(self.workdir, ARCHIVE[args.launch]))
            cds = archived and not (args.launch == "cds" and args.jfr)
            if args.launch == "cds" and args.jfr:
                # JDK 17.0.15 crashes at start-up (SIGSEGV in check_shared_class_file_load_hook) when a recording
                # starts from the command line with a dynamic CDS archive mapped.
                self.notes.append("Profiled with JFR, so without the CDS archive (the JVM crashes with both).")
            elif args.launch in ARCHIVE and not archived:
                self.notes.append(f"The {args.launch.upper()} archive was not written by the first start; measured without it.")
            log(f"starting the service ({args.launch} launch, JVM options: {args.jvm_opts or '(none)'}) ...")
            ready = self.service.start("bench", "use" if cds else None)
            self.launch_command = " ".join(self.service.command[:self.service.command.index("-jar") + 2])
            time.sleep(args.idle_wait)
            rss_idle = self.service.rss_mib()
            log(f"ready after {ready:.2f} s ({self.service.ready_cpu:.1f} s of CPU); idle RSS {rss_idle:.0f} MiB")
            if args.versus:
                self.run_versus()
                return
            if traffic:
                mix.run_traffic(self)
                return
            for route in [r for r in RUN_ORDER if r in args.routes]:
                if not self.available(route):
                    log(f"{route}: not available (404) - skipped")
                    self.unavailable.append(route)
                    continue
                try:
                    self.run_route(route)
                    if route != "otp_send":
                        self.clear_outbox(route)
                except (SystemExit, subprocess.CalledProcessError, OSError, ValueError, KeyError) as e:
                    log(f"{route}: failed - {e}")
                    self.notes.append(f"{route}: the run failed ({e}); its figures are missing or partial.")
            rss_peak = self.service.peak_mib()
        finally:
            self.service.stop()
            if self.other:
                self.other.stop()
            self.sink.terminate()
            if "otp_send" in args.routes and self.results.get("otp_send"):
                self.database_ceiling()
            if not args.keep_db:
                subprocess.run(PG + ["-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {self.database}"], check=False)
        self.report(hash_ms, ready, rss_idle, rss_peak)

    # ---------------------------------------------------------------- side by side (--versus)
    def run_versus(self):
        """This checkout's service and another jar's, on the same database, measured in alternating rounds (this,
        other, other, this, ...): a machine whose speed drifts by 20 % within minutes moves both alike, so the
        per-round ratio holds where two separate runs could not be compared."""
        args = self.args
        other_args = argparse.Namespace(**dict(vars(args), jar=args.versus, port=0, jfr=False))
        self.other = Service(other_args, self.workdir, self.database, self.secret, self.sink_ports)
        self.other.label = "other"
        log(f"starting the other service ({args.versus_name}, plain -jar) on the same database ...")
        log(f"other ready after {self.other.start('other'):.2f} s")
        services = (self.service, self.other)
        rounds = {}
        for route in [r for r in RUN_ORDER if r in args.routes]:
            inputs = VersusInputs(self, route)
            for service in services:
                inputs.warm_up(service)
            for c in args.connections:
                rows = rounds.setdefault(route, {}).setdefault(f"c{c}", [])
                for i in range(args.rounds):
                    pair = {}
                    seconds = inputs.round_seconds(i)
                    for service in (services if i % 2 == 0 else services[::-1]):
                        idle = self.other if service is self.service else self.service
                        env = inputs.env(service, seconds)
                        if route in VERSUS_WRITES:
                            # Each side delivers the messages its own round queued, not the other's leftovers.
                            sql(self.database, "DELETE FROM notification_outbox WHERE status = 'pending'")
                        cpu, idle_cpu = service.cpu_seconds(), idle.cpu_seconds()
                        raw = self.wrk(f"{route}-{service.label}", c, seconds, env, script=route, service=service)
                        inputs.rates[service.label] = raw["rps"]
                        requests = max(1, raw["requests"])
                        pair[service.label] = {"rps": round(raw["rps"], 1), "p99_ms": round(raw["p99_us"] / 1000, 2),
                                               "cpu_us": round((service.cpu_seconds() - cpu) * 1e6 / requests, 1),
                                               "idle_cpu_us": round((idle.cpu_seconds() - idle_cpu) * 1e6 / requests, 1),
                                               "non2xx": raw["status_errors"], "seconds": seconds}
                    pair["ratio"] = round(pair["this"]["rps"] / pair["other"]["rps"], 3)
                    pair["cpu_ratio"] = round(pair["this"]["cpu_us"] / max(0.1, pair["other"]["cpu_us"]), 3)
                    rows.append(pair)
                    log(f"{route:8s} c{c:<3d} round {i + 1}: this {pair['this']['rps']:8.1f}  other "
                        f"{pair['other']['rps']:8.1f} req/s  this ÷ other {pair['ratio']:.3f};  JVM CPU per request "
                        f"this {pair['this']['cpu_us']:.0f}  other {pair['other']['cpu_us']:.0f} µs")
        self.report_versus(rounds)

    def report_versus(self, rounds):
        args = self.args
        commit = self.commit()
        summary = {route: {level: {
            "this_rps": median([r["this"]["rps"] for r in rows]), "other_rps": median([r["other"]["rps"] for r in rows]),
            "this_p99_ms": median([r["this"]["p99_ms"] for r in rows]), "other_p99_ms": median([r["other"]["p99_ms"] for r in rows]),
            "this_cpu_us": median([r["this"]["cpu_us"] for r in rows]), "other_cpu_us": median([r["other"]["cpu_us"] for r in rows]),
            "cpu_ratio_median": median([r["cpu_ratio"] for r in rows]),
            "this_idle_cpu_us": median([r["this"]["idle_cpu_us"] for r in rows]),
            "other_idle_cpu_us": median([r["other"]["idle_cpu_us"] for r in rows]),
            "seconds": median([r["this"]["seconds"] for r in rows]),
            "ratio_median": median([r["ratio"] for r in rows]), "ratio_min": min(r["ratio"] for r in rows),
            "ratio_max": max(r["ratio"] for r in rows), "non2xx": sum(r["this"]["non2xx"] + r["other"]["non2xx"] for r in rows),
            "rounds": rows} for level, rows in levels.items()} for route, levels in rounds.items()}
        data = {"commit": commit, "versus": args.versus_name,
                "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                "cores": os.cpu_count(), "customers": args.customers, "duration_s": args.duration,
                "rounds_per_level": args.rounds, "jvm_opts": args.jvm_opts, "warmup_s": self.warmups, "routes": summary}
        lines = [f"# Side by side {data['date'][:10]}: {commit} (this) and {args.versus_name} (other)", "",
                 f"- machine: {data['cores']} cores, {platform_line()}",
                 f"- both services on one PostgreSQL database ({args.customers:,} customers), JVM options "
                 f"`{args.jvm_opts}`; this checkout launched `{args.launch}`, the other as plain `-jar {os.path.basename(args.versus)}`",
                 f"- {args.rounds} rounds per route and concurrency, {args.duration} s of wrk each, alternating which "
                 "service goes first; a round's ratio compares two measurements taken a few seconds apart",
                 "- JVM CPU per request: the service process's user + system CPU time during a round ÷ its requests "
                 "(PostgreSQL's and wrk's CPU not included); less disturbed than req/s by whatever else the machine runs",
                 "- the write routes (otp_send, otp_verify, contact_request) use disjoint inputs per side; messages left "
                 "waiting in the outbox are deleted before each side's run. Both services deliver from the one outbox, so "
                 "the idle side may deliver part of what the measured side queued: its CPU per request of the measured "
                 "side is the last column",
                 "", "| route | conc. | s | this req/s | other req/s | this ÷ other: median (min–max) | JVM CPU µs/request this · other "
                 "| CPU this ÷ other | p99 ms this · other | non-2xx | idle side's CPU µs/request (this · other measured) |",
                 "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for route, levels in summary.items():
            for level, e in levels.items():
                lines.append(f"| {route} | {level} | {e['seconds']:g} | {e['this_rps']:.0f} | {e['other_rps']:.0f} | "
                             f"{e['ratio_median']:.3f} ({e['ratio_min']:.3f}–{e['ratio_max']:.3f}) | "
                             f"{e['this_cpu_us']:.0f} · {e['other_cpu_us']:.0f} | {e['cpu_ratio_median']:.3f} | "
                             f"{e['this_p99_ms']:.1f} · {e['other_p99_ms']:.1f} | {e['non2xx']} | "
                             f"{e['this_idle_cpu_us']:.0f} · {e['other_idle_cpu_us']:.0f} |")
        if self.notes:
            lines += ["", "## Notes", ""] + [f"- {note}" for note in self.notes]
        if args.note:
            lines += ["", "## Note", "", args.note]
        markdown = "\n".join(lines) + "\n"
        out = os.path.join(ROOT, args.out_dir)
        os.makedirs(out, exist_ok=True)
        name = f"{datetime.date.today().isoformat()}-{commit}-vs-{args.versus_name}"
        for path, text in ((f"{name}.md", markdown), (f"{name}.json", json.dumps(data, indent=2) + "\n")):
            with open(os.path.join(out, path), "w") as f:
                f.write(text)
        print(markdown)
        log(f"wrote {os.path.join(args.out_dir, name)}.md and .json")

    def commit(self):
        """--commit, or this checkout's short commit, with -dirty when tracked files have changed."""
        if self.args.commit:
            return self.args.commit
        commit = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=ROOT, text=True,
                                stdout=subprocess.PIPE).stdout.strip() or "unknown"
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, text=True,
                               stdout=subprocess.PIPE).stdout.strip()
        return commit + ("-dirty" if dirty else "")

    def database_ceiling(self):
        """pgbench alone replays otp_send's transaction (bench/pg/otp_send.sql) at the top concurrency, with the
        service stopped: what PostgreSQL on this machine allows a write of that shape before any Java runs."""
        if not shutil.which("pgbench"):
            self.notes.append("pgbench was not found, so the database ceiling of otp_send was not measured.")
            return
        c = max(self.args.connections)
        log(f"database ceiling: pgbench replaying otp_send's statements, c{c}, {self.args.duration} s ...")
        cpu = CpuMeter()
        run = subprocess.run(["pgbench", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-n", "-M", "prepared",
                              "-c", str(c), "-j", str(self.threads), "-T", str(self.args.duration),
                              "-D", f"customers={self.args.customers}", "-f", os.path.join(BENCH, "pg", "otp_send.sql"),
                              self.database], text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        tps = re.search(r"tps = ([0-9.]+)", run.stdout)
        latency = re.search(r"latency average = ([0-9.]+) ms", run.stdout)
        if run.returncode != 0 or not tps:
            failure = " / ".join(line for line in run.stdout.splitlines() if "error" in line.lower())
            self.notes.append(f"The database ceiling of otp_send failed: {failure or run.stdout.strip()[-200:]}")
            return
        transactions = re.search(r"number of transactions actually processed: (\d+)", run.stdout)
        self.ceiling = {"route": "otp_send", "connections": c, "tps": round(float(tps.group(1)), 1),
                        "latency_avg_ms": float(latency.group(1)) if latency else None,
                        "cpu_us": cpu.per_request(int(transactions.group(1)) if transactions else 0)}
        log(f"database ceiling of otp_send: {self.ceiling['tps']:.0f} transactions/s, CPU µs/transaction: "
            + CpuMeter.text(self.ceiling["cpu_us"]))

    def report(self, hash_ms, ready, rss_idle, rss_peak):
        root = ROOT + os.sep
        launch = self.launch_command.replace(root, "").replace(self.workdir.replace(root, ""), "<run>")
        cores = os.cpu_count()
        commit = self.commit()
        trivial = self.results.get("trivial", {})
        for route, levels in self.results.items():
            for level, entry in levels.items():
                if route != "trivial" and level in trivial and trivial[level]["rps"]:
                    entry["ratio_to_trivial"] = round(entry["rps"] / trivial[level]["rps"], 3)
        login = self.results.get("login", {})
        top = f"c{max(self.args.connections)}"
        login_rps = login.get(top, {}).get("rps")
        efficiency = round(login_rps / (cores / (hash_ms / 1000)), 3) if login_rps else None
        data = {
            "commit": commit, "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "cores": cores, "customers": self.args.customers, "hash_ms": round(hash_ms, 2),
            "login_efficiency": efficiency, "ready_s": round(ready, 2), "rss_idle_mib": round(rss_idle),
            "rss_peak_mib": round(rss_peak), "routes": self.results, "not_available": self.unavailable,
            "duration_s": self.args.duration, "jvm_opts": self.args.jvm_opts, "launch": launch,
            "ready_cpu_s": round(self.service.ready_cpu, 2), "trivial_route": "GET " + TRIVIAL_PATH,
            "seed_s": round(self.seed_seconds, 1), "warmup_s": self.warmups,
        }
        if self.ceiling:
            top_trivial = trivial.get(f"c{self.ceiling['connections']}", {}).get("rps")
            data["db_ceiling"] = dict(self.ceiling, ratio_to_trivial=round(self.ceiling["tps"] / top_trivial, 3)
                                      if top_trivial else None)
            # A write request costs at least what a trivial one costs the machine (HTTP in the service, the load
            # generator, the kernel) plus PostgreSQL's work for its statements; the two cannot exceed the cores.
            http_us = trivial.get(f"c{self.ceiling['connections']}", {}).get("cpu_us", {}).get("machine")
            pg_us = self.ceiling["cpu_us"].get("postgres")
            if http_us and pg_us and top_trivial:
                bound = cores * 1e6 / (http_us + pg_us)
                data["write_bound"] = {"route": "otp_send", "rps": round(bound), "ratio_to_trivial": round(bound / top_trivial, 3),
                                       "trivial_cpu_us": http_us, "postgres_cpu_us": pg_us}
        data["write_bounds"] = write_bounds(self.results, trivial, cores, top)
        if self.delivery_rates:
            data["outbox_delivery_per_s"] = {channel: round(sorted(rates)[len(rates) // 2], 1)
                                             for channel, rates in self.delivery_rates.items()}
        data["budget"] = budget(data, top)
        out = os.path.join(ROOT, self.args.out_dir)
        os.makedirs(out, exist_ok=True)
        name = f"{datetime.date.today().isoformat()}-{commit}"
        if self.args.customers != 10_000:
            name += f"-{self.args.customers}-customers"
        before = None
        if self.args.compare:
            with open(self.args.compare) as f:
                before = json.load(f)
        markdown = render(data, self.notes, before, self.args)
        latest = dict(data)
        if os.path.exists(os.path.join(out, "latest.json")):
            with open(os.path.join(out, "latest.json")) as f:
                # what --mix and --burst wrote there (bench/mix.py) stays until they run again
                latest.update({key: value for key, value in json.load(f).items() if key.startswith(("mix", "burst"))})
        for path, text in ((f"{name}.md", markdown), (f"{name}.json", json.dumps(data, indent=2) + "\n"),
                           ("latest.json", json.dumps(latest, indent=2) + "\n")):
            with open(os.path.join(out, path), "w") as f:
                f.write(text)
        print(markdown)
        log(f"wrote {os.path.join(self.args.out_dir, name)}.md, .json and latest.json")


VERSUS_WRITES = {"otp_send", "otp_verify", "contact_request"}


class VersusInputs:
    """What each side of --versus sends on one route. The read routes share the login tokens; the write routes get
    disjoint inputs per side, so that neither consumes or changes what the other reads: otp_send fresh unverified
    customers for every run, contact_request its own half of the login tokens, otp_verify its own half of the codes
    that a run of otp/send (unmeasured, before the rounds) had delivered to the sink."""

    def __init__(self, bench, route):
        self.bench, self.route, self.args = bench, route, bench.args
        self.rates = {}  # the last req/s of each side
        self.seconds = None
        if route == "me":
            tokens = bench.ensure_login_tokens()
            self.tokens = {"this": tokens, "other": tokens}
        if route == "contact_request":
            bench.ensure_login_tokens()
            tokens = bench.login_tokens
            self.tokens = {"this": bench.write_input("versus-tokens-this.txt", tokens[0::2]),
                           "other": bench.write_input("versus-tokens-other.txt", tokens[1::2])}
        if route == "otp_verify":
            self.pairs = self.delivered_pairs()

    def delivered_pairs(self):
        """Codes enough for every round of both sides (at the rate otp_send had), halved between the sides."""
        bench, args = self.bench, self.args
        rate = bench.route_rates.get("otp_send") or 1000
        need = math.ceil(2 * args.rounds * len(args.connections) * args.duration * rate * 1.3 * 1.25)
        seconds = max(5, min(60, math.ceil(need / rate)))
        log(f"otp_verify: issuing about {need:,} codes through otp/send ({seconds} s, unmeasured) for both sides ...")
        raw = bench.wrk("otp_send-versus-codes", max(args.connections), seconds,
                        bench.otp_customers(math.ceil(need * 1.5) + 1000), "otp_send")
        pairs = bench.wait_for_codes(min(need, raw["requests"] - raw["status_errors"]))
        if len(pairs) < 200:
            raise SystemExit(f"only {len(pairs)} codes were delivered; cannot run otp_verify side by side")
        bench.otp_used.update(key for key, _, _ in pairs)
        sql(bench.database, "DELETE FROM notification_outbox WHERE status = 'pending'")
        return {"this": pairs[0::2], "other": pairs[1::2]}

    def take(self, label, count):
        chosen, self.pairs[label] = self.pairs[label][:count], self.pairs[label][count:]
        return {"BENCH_INPUT": self.bench.write_input(f"versus-pairs-{label}.txt", [f"{t} {c}" for _, t, c in chosen])}

    def warm_up(self, service):
        bench, label = self.bench, service.label
        if self.route == "otp_verify":
            # A short run on a tenth of the side's codes warms it up and gives its rate, which sizes the rounds.
            probe = max(50, len(self.pairs[label]) // 10)
            raw = bench.wrk(f"otp_verify-probe-{label}", max(self.args.connections), self.args.warmup or 5,
                            self.take(label, probe), script="otp_verify", service=service)
            self.rates[label] = raw["rps"]
        elif self.route == "otp_send":
            bench.warm_up("otp_send", lambda rate: bench.otp_customers(bench.window_inputs(rate, self.args.warmup)), service)
        else:
            bench.warm_up(self.route, self.env(service, self.args.warmup), service)

    def round_seconds(self, i):
        """--duration, but otp_verify's rounds shorter when the codes would not last them (the results say so)."""
        if self.route != "otp_verify":
            return self.args.duration
        if self.seconds is None:
            share = min(len(pairs) for pairs in self.pairs.values()) // (self.args.rounds * len(self.args.connections))
            self.share = share
            self.seconds = max(2, min(self.args.duration, int(share / (max(self.rates.values()) * 1.3))))
            if self.seconds < self.args.duration:
                self.bench.notes.append(f"otp_verify: rounds of {self.seconds} s, not {self.args.duration} s: the "
                                        f"{share:,} delivered codes of each side and round would not last longer.")
        return self.seconds

    def env(self, service, seconds):
        label = service.label
        if self.route in ("me", "contact_request"):
            return {"BENCH_INPUT": self.tokens[label]}
        if self.route == "otp_send":
            if self.rates:
                self.bench.route_rates["otp_send"] = max(self.rates.values())
            return self.bench.otp_customers(self.bench.window_inputs(self.rates.get(label), seconds))
        if self.route == "otp_verify":
            return self.take(label, self.share)
        return None


def budget(data, top):
    checks = []
    if data["login_efficiency"] is not None:
        checks.append({"check": f"login efficiency >= {BUDGET_LOGIN_EFFICIENCY}", "value": data["login_efficiency"],
                       "ok": data["login_efficiency"] >= BUDGET_LOGIN_EFFICIENCY})
    for route in BUDGET_ROUTES:
        entry = data["routes"].get(route, {}).get(top)
        if not entry:
            continue
        if route == "me":
            checks.append({"check": f"me {top} >= {BUDGET_ME_RATIO} × trivial", "value": entry.get("ratio_to_trivial"),
                           "ok": (entry.get("ratio_to_trivial") or 0) >= BUDGET_ME_RATIO})
        elif (bound := data.get("write_bounds", {}).get(route)):
            of_bound = round(entry["rps"] / bound["rps"], 3)
            checks.append({"check": f"{route} {top} >= {BUDGET_WRITE_OF_BOUND} × the bound of its shape "
                                    f"({bound['rps']} req/s)", "value": of_bound, "ok": of_bound >= BUDGET_WRITE_OF_BOUND})
        checks.append({"check": f"{route} {top} p99 <= {BUDGET_P99_MS:g} ms", "value": entry["p99_ms"],
                       "ok": entry["p99_ms"] <= BUDGET_P99_MS})
        checks.append({"check": f"{route} {top} zero non-2xx", "value": entry["non2xx"], "ok": entry["non2xx"] == 0})
    checks.append({"check": f"idle RSS <= {BUDGET_RSS_IDLE_MIB} MiB", "value": data["rss_idle_mib"],
                   "ok": data["rss_idle_mib"] <= BUDGET_RSS_IDLE_MIB})
    checks.append({"check": f"ready <= {BUDGET_READY_S:g} s", "value": data["ready_s"], "ok": data["ready_s"] <= BUDGET_READY_S})
    return checks


def write_bounds(routes, trivial, cores, top):
    """Per write route, the most a write of its shape can serve here (issue 22): cores ÷ (trivial's machine CPU per
    request + PostgreSQL's CPU per request of the route, as measured in its own run: its statements, its audit row and
    its message's delivery). Everything the route runs in Java beyond the HTTP stack is left out, so it stays below."""
    http_us = trivial.get(top, {}).get("cpu_us", {}).get("machine")
    bounds = {}
    for route in WRITE_ROUTES:
        pg_us = routes.get(route, {}).get(top, {}).get("cpu_us", {}).get("postgres")
        if http_us and pg_us:
            bounds[route] = {"rps": round(cores * 1e6 / (http_us + pg_us)), "trivial_cpu_us": http_us,
                             "postgres_cpu_us": pg_us}
    return bounds


def render(data, notes, before, args):
    levels = [f"c{c}" for c in args.connections]
    lines = [f"# Benchmark {data['date'][:10]} at {data['commit']}", "",
             f"- machine: {data['cores']} cores, {platform_line()}; **the machine may have been shared** with other "
             "builds and test runs during this run, so treat small differences as noise",
             f"- customers seeded: {data['customers']:,} (SQL, {data['seed_s']} s); PostgreSQL 15 on 127.0.0.1",
             f"- wrk: {args.duration} s per route and concurrency, {', '.join(levels)} connections, "
             f"{min(os.cpu_count() or 2, min(args.connections))} threads; warmed up until steady (two {args.warmup} s windows "
             f"within 5 %, at most {args.warmup_max} s): "
             + (", ".join(f"{r} {s} s" for r, s in data.get("warmup_s", {}).items()) or "none"),
             f"- trivial route (HTTP ceiling, no database work): `{data['trivial_route']}`",
             f"- launched as: `{data['launch']}` (plus the properties below)",
             "- raised for the run so that they do not shape the figures: `customer-registration.rate-limit.enabled="
             "false`, `email-verification.resend-throttle-seconds=0`, `phone-verification.resend-throttle-seconds=0`",
             "- notifications: SMTP and SMS webhook to a local sink (bench/sink.py), not the log",
             "", "| route | conc. | req/s | p50 ms | p99 ms | non-2xx | ÷ trivial |", "|---|---|---:|---:|---:|---:|---:|"]
    for route in ROUTES:
        for level in levels:
            entry = data["routes"].get(route, {}).get(level)
            if entry:
                ratio = entry.get("ratio_to_trivial")
                lines.append(f"| {route} | {level} | {entry['rps']:.1f} | {entry['p50_ms']:.2f} | {entry['p99_ms']:.2f} | "
                             f"{entry['non2xx']}{' (+%d socket)' % entry['socket_errors'] if entry.get('socket_errors') else ''}"
                             f"{' ' + json.dumps(entry['non2xx_by_status']) if entry.get('non2xx_by_status') else ''}"
                             f" | {'' if ratio is None else f'{ratio:.3f}'} |")
    if data["not_available"]:
        lines += ["", "Not available (the route answered 404, so it was skipped): " + ", ".join(data["not_available"])]
    lines += ["", "CPU per request, in µs of one core: the service, PostgreSQL (all its processes), the sink, the load "
              "generator (wrk; pgbench for the ceiling), and the machine as a whole (adding kernel work no process is "
              "charged for). Other processes on a shared machine count in the last column only.", "",
              "| route | conc. | service | PostgreSQL | sink | load | machine |", "|---|---|---:|---:|---:|---:|---:|"]
    rows = [(route, level, data["routes"].get(route, {}).get(level, {}).get("cpu_us")) for route in ROUTES for level in levels]
    if ceiling := data.get("db_ceiling"):
        rows.append(("database ceiling (pgbench, otp_send's statements)", f"c{ceiling['connections']}", ceiling.get("cpu_us")))
    for route, level, cpu in rows:
        if cpu:
            lines.append(f"| {route} | {level} | " + " | ".join(
                "" if cpu.get(party) is None else f"{cpu[party]:.0f}"
                for party in ("service", "postgres", "sink", "load", "machine")) + " |")
    lines += ["", "| figure | value |", "|---|---:|",
              f"| Argon2id hash, one core (m=19 MiB, t=2, p=1; median of ten 2 s JMH iterations) | {data['hash_ms']:.2f} ms |",
              f"| login efficiency = login req/s ÷ (cores ÷ hash time), {levels[-1]} | "
              f"{'' if data['login_efficiency'] is None else data['login_efficiency']} |",
              f"| ready after launch | {data['ready_s']:.2f} s ({data['ready_cpu_s']:.1f} s of CPU) |",
              f"| RSS idle (after start-up, before load) | {data['rss_idle_mib']} MiB |",
              f"| RSS peak | {data['rss_peak_mib']} MiB |",
              *([f"| PostgreSQL alone, otp_send's statements (bench/pg/otp_send.sql, pgbench c{ceiling['connections']}) | "
                 f"{ceiling['tps']:.0f} tx/s"
                 f"{'' if ceiling['ratio_to_trivial'] is None else ' (%.3f × trivial)' % ceiling['ratio_to_trivial']} |"]
                if (ceiling := data.get("db_ceiling")) else []),
              *([f"| the most a write of otp_send's shape can serve here: cores ÷ (trivial's machine CPU per request + "
                 f"PostgreSQL's CPU per ceiling transaction: {bound['trivial_cpu_us']:.0f} + {bound['postgres_cpu_us']:.0f} µs) | "
                 f"{bound['rps']:.0f} req/s ({bound['ratio_to_trivial']:.3f} × trivial) |"]
                if (bound := data.get("write_bound")) else []),
              *[f"| bound of a write of {route}'s shape: cores ÷ (trivial's machine CPU {b['trivial_cpu_us']:.0f} + "
                f"PostgreSQL's CPU per {route} request {b['postgres_cpu_us']:.0f} µs) | {b['rps']} req/s |"
                for route, b in data.get("write_bounds", {}).items()],
              *[f"| outbox delivery while a backlog drains, {channel} (median msg/s) | {rate} |"
                for channel, rate in data.get("outbox_delivery_per_s", {}).items()],
              "", "## Budget", ""]
    for check in data["budget"]:
        lines.append(f"- {'PASS' if check['ok'] else '**MISS**'} {check['check']}: {check['value']}")
    if notes:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in notes]
    if before:
        lines += ["", f"## Before ({before['commit']}: `{before.get('launch') or before.get('jvm_opts')}`) → after", "",
                  "| figure | before | after |", "|---|---:|---:|"]
        for key in ("ready_s", "ready_cpu_s", "rss_idle_mib", "rss_peak_mib", "hash_ms", "login_efficiency"):
            lines.append(f"| {key} | {before.get(key)} | {data.get(key)} |")
        for route in ROUTES:
            for level in levels:
                old = before.get("routes", {}).get(route, {}).get(level)
                new = data["routes"].get(route, {}).get(level)
                if old and new:
                    lines.append(f"| {route} {level} req/s · p99 ms | {old['rps']:.0f} · {old['p99_ms']:.1f} | "
                                 f"{new['rps']:.0f} · {new['p99_ms']:.1f} |")
    if args.note:
        lines += ["", "## Note", "", args.note]
    return "\n".join(lines) + "\n"


def platform_line():
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        model = ""
    java = subprocess.run([JAVA[0], "-version"], text=True, stderr=subprocess.PIPE).stderr.splitlines()
    return f"{model}, {java[0] if java else 'java'}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=30, help="seconds per route and concurrency")
    parser.add_argument("--connections", default="4,16")
    parser.add_argument("--routes", default=",".join(ROUTES))
    parser.add_argument("--warmup", type=int, default=10, help="seconds of one window of unmeasured load before a route (JIT)")
    parser.add_argument("--warmup-max", type=int, default=120,
                        help="at most this many seconds of warm-up windows, repeated until two agree within 5 %%")
    parser.add_argument("--idle-wait", type=float, default=5, help="seconds between ready and the idle RSS reading")
    parser.add_argument("--tokens", type=int, default=500,
                        help="login tokens to collect (at most 60 s more of logins), for me and contact_request")
    parser.add_argument("--launch", choices=["cds", "aot", "jar"], default="cds",
                        help="cds: the extracted jar (target/app) with a Class Data Sharing archive recorded by the "
                             "first start; aot: the same with a JDK 24+ AOT cache instead (give --java); jar: the "
                             "plain fat jar, as `java -jar target/customer-registration.jar`")
    parser.add_argument("--java", default="java", help="the java launcher of the measured service, e.g. "
                                                       "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
    parser.add_argument("--jvm-opts", default=RECOMMENDED_JVM_OPTS)
    parser.add_argument("--malloc-arenas", type=int, default=2,
                        help="MALLOC_ARENA_MAX of the service (0: glibc's default, one arena per thread up to 8 per core)")
    parser.add_argument("--jar", help="another fat jar to measure (with --launch jar), e.g. a build of an older "
                                      "commit for a before/after comparison; --commit names it")
    parser.add_argument("--commit", help="the commit to name the results after (default: this checkout's)")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--hash-ms", type=float, default=0, help="skip the JMH hash measurement, use this")
    parser.add_argument("--otp-wait", type=int, default=180,
                        help="seconds to wait for the outbox to deliver the codes otp_verify needs")
    parser.add_argument("--drainers", type=int, default=3,
                        help="extra service instances started (on the same database) only to deliver the outbox "
                             "backlog faster while otp_verify waits for its codes")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--jfr", action="store_true", help="record a JFR profile of the measured service "
                                                           "(target/bench/<run>/bench.jfr)")
    parser.add_argument("--compare", help="an earlier results .json: adds a before/after table")
    parser.add_argument("--versus", help="another fat jar (e.g. a build of the commit before) run side by side with "
                                         "this checkout's on the same database: they alternate in --rounds rounds per "
                                         f"route and concurrency; routes {', '.join(VERSUS_ROUTES)} only (the write routes with "
                                         "disjoint inputs per side). Writes "
                                         "<date>-<commit>-vs-<name>.md and .json, not latest.json")
    parser.add_argument("--versus-name", help="what to call the --versus jar (default: its file name)")
    parser.add_argument("--rounds", type=int, default=5, help="--versus: rounds per route and concurrency")
    parser.add_argument("--mix", action="store_true",
                        help="a storefront's mix of routes from one load generator (bench/load/Load.java): its "
                             "capacity closed-loop at c16, then open-loop at 60 %% of it at c16 and c64 for --duration "
                             "s each; writes <date>-<commit>-mix.md/.json and latest.json's \"mix\" (bench/README.md)")
    parser.add_argument("--burst", action="store_true",
                        help="me open-loop at 50 %% of its capacity while --burst-logins logins arrive at once; "
                             "writes <date>-<commit>-burst.md/.json and latest.json's \"burst\"")
    parser.add_argument("--burst-logins", type=int, default=200, help="--burst: logins sent at once, one per connection")
    parser.add_argument("--burst-cold", action="store_true",
                        help="--burst: no login warm-up before it (the JIT then compiles the login path during the burst)")
    parser.add_argument("--instances", type=int, default=1,
                        help="--mix/--burst: service instances on the one database (the generator's connections "
                             "round-robin between them); the run checks every code sent was delivered exactly once")
    parser.add_argument("--note", default="", help="free text for the results file")
    parser.add_argument("--out-dir", default="bench/results")
    args = parser.parse_args()
    args.connections = [int(c) for c in args.connections.split(",")]
    args.routes = args.routes.split(",")
    unknown = set(args.routes) - set(ROUTES)
    if unknown:
        parser.error(f"unknown routes {sorted(unknown)}; known: {', '.join(ROUTES)}")
    if args.instances > 1 and not (args.mix or args.burst):
        parser.error("--instances needs --mix or --burst")
    if (args.mix or args.burst) and args.versus:
        parser.error("--versus cannot be combined with --mix or --burst")
    if args.jar and args.launch != "jar":
        parser.error("--jar needs --launch jar")
    if args.versus:
        if set(args.routes) - set(VERSUS_ROUTES):
            parser.error(f"--versus measures only {', '.join(VERSUS_ROUTES)}")
        args.versus = os.path.abspath(args.versus)
        args.versus_name = args.versus_name or os.path.splitext(os.path.basename(args.versus))[0]
    args.jar = os.path.abspath(args.jar) if args.jar else \
        os.path.join(ROOT, "target", "app" if args.launch in ARCHIVE else "", "customer-registration.jar")
    JAVA[0] = args.java
    Bench(args).run()


if __name__ == "__main__":
    sys.modules["driver"] = sys.modules["__main__"]  # bench/mix.py imports this module: one copy of it
    main()
