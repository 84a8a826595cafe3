import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of bench/run --mix, --burst and --instances (bench/README.md): open-loop or closed-loop, mixed,
 * measured per route. JDK 17, no dependencies; run with the source launcher or compiled once:
 *
 * <pre>
 *   java bench/load/Load.java --targets http://127.0.0.1:8080 --mode open --rate 300 --connections 16 \
 *        --duration 30 --mix me=700,login=100 --tokens tokens.txt --customers 10000 --out result.json
 * </pre>
 *
 * One thread per connection, each with its own socket (plain HTTP/1.1 with keep-alive; connection i goes to target
 * i mod targets). Open loop (--mode open): request k is due at t0 + k / rate; a free worker takes the next slot, waits
 * until it is due and sends it. Latency is measured from the due time, so a request that waited for a busy worker or
 * a slow service counts its wait (coordinated omission corrected, as wrk2 does); the service time is measured from
 * the actual send. Closed loop (--mode closed): each worker sends as fast as its answers come, to measure capacity.
 * Burst (--mode burst): an open-loop mix (normally me alone) plus, after --burst-at s, --burst-logins logins on as
 * many fresh connections, all sent at once.
 *
 * Two routes follow another: a 200 register is followed by create_customer with its registration token, and a 200
 * otp_send by otp_verify once the code reached the sink's file (--sink), read by a tailing thread; a follow-up is
 * due when it becomes possible and is taken before the next scheduled slot, so no worker ever waits for a code.
 * With --handshake it prints BEGIN when the measured window starts and END when its last request is answered, then
 * waits for a line on stdin before writing --out: the driver reads every process's CPU time at those moments.
 */
public class Load {

    static final String PASSWORD_DEFAULT = "Bench-password-1";
    static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern SINK_TO = Pattern.compile("\"to\": \"([^\"]*)\"");
    static final Pattern SINK_TEXT = Pattern.compile("\"text\": \"((?:[^\"\\\\]|\\\\.)*)\"");
    static final Pattern CODE = Pattern.compile("(?<![0-9A-Za-z+])[0-9]{6}(?![0-9A-Za-z])");
    static final Pattern OTP_RECIPIENT = Pattern.compile("otp-(\\d+)@bench\\.test");

    final Map<String, String> options;
    final URI[] targets;
    final String mode;
    final int connections;
    final double rate;
    final long warmupNanos;
    final long durationNanos;
    final String[] pattern; // the scheduled routes, one per slot, in a fixed shuffled order
    final double slotRate; // scheduled slots per second: the rate less the follow-ups' share
    final List<String> tokens;
    final int customers;
    final String password;
    final String run;
    final long otpFrom;
    final long otpTo;

    final AtomicLong nextSlot = new AtomicLong();
    final AtomicLong unique = new AtomicLong();
    final AtomicLong nextReset = new AtomicLong();
    final AtomicLong nextOtp = new AtomicLong();
    final AtomicLong otpReused = new AtomicLong();
    final ConcurrentLinkedQueue<Job> followUps = new ConcurrentLinkedQueue<>();
    final Map<String, String> otpWaiting = new HashMap<>(); // recipient -> OTP token, until its code arrives
    final Map<String, String> codesArrived = new HashMap<>(); // recipient -> code that arrived before the answer
    final ConcurrentLinkedQueue<String> codeRecipients = new ConcurrentLinkedQueue<>();
    final List<Worker> workers = new ArrayList<>();
    volatile long t0;
    volatile long measureStart;
    volatile long measureEnd = Long.MAX_VALUE;
    volatile boolean stopping;

    /** One request to send: its route, when it was due, and what to send. */
    record Job(String route, long due, String method, String path, String token, String body, String recipient) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        new Load(options).run();
    }

    Load(Map<String, String> options) throws IOException {
        this.options = options;
        targets = Arrays.stream(option("targets", "http://127.0.0.1:8080").split(",")).map(URI::create).toArray(URI[]::new);
        mode = option("mode", "open");
        connections = Integer.parseInt(option("connections", "16"));
        rate = Double.parseDouble(option("rate", "0"));
        if (!mode.equals("closed") && rate <= 0) {
            throw new IllegalArgumentException("--mode " + mode + " needs a --rate above 0 (requests per second)");
        }
        warmupNanos = seconds(option("warmup", "0"));
        durationNanos = seconds(option("duration", "10"));
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (String part : option("mix", "me=1").split(",")) {
            String[] kv = part.split("=");
            mix.put(kv[0], Integer.parseInt(kv[1]));
        }
        List<String> slots = new ArrayList<>();
        mix.forEach((route, weight) -> slots.addAll(Collections.nCopies(weight, route)));
        Collections.shuffle(slots, new Random(42));
        pattern = slots.toArray(String[]::new);
        int followed = mix.getOrDefault("register", 0) + mix.getOrDefault("otp_send", 0);
        slotRate = rate * pattern.length / (pattern.length + followed);
        tokens = options.containsKey("tokens") ? Files.readAllLines(Path.of(options.get("tokens"))).stream()
                .filter(line -> !line.isBlank()).toList() : List.of();
        customers = Integer.parseInt(option("customers", "10000"));
        password = option("password", PASSWORD_DEFAULT);
        run = option("run", Long.toString(System.currentTimeMillis(), 36));
        otpFrom = Long.parseLong(option("otp-from", "0"));
        otpTo = Long.parseLong(option("otp-to", "0"));
        nextReset.set(ThreadLocalRandom.current().nextInt(Math.max(1, customers)));
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    static long seconds(String value) {
        return (long) (Double.parseDouble(value) * 1e9);
    }

    // ------------------------------------------------------------------ the run

    void run() throws Exception {
        for (int i = 0; i < connections; i++) {
            workers.add(new Worker(new Connection(targets[i % targets.length])));
        }
        if (options.containsKey("sink")) {
            Thread tail = new Thread(this::tailSink, "sink-tail");
            tail.setDaemon(true);
            tail.start();
        }
        t0 = System.nanoTime() + 50_000_000L;
        measureStart = t0 + warmupNanos;
        Burst burst = mode.equals("burst") ? new Burst(Integer.parseInt(option("burst-logins", "200"))) : null;
        if (burst == null) {
            measureEnd = measureStart + durationNanos;
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            Thread thread = new Thread(workers.get(i), "worker-" + i);
            threads.add(thread);
            thread.start();
        }
        sleepUntil(measureStart);
        handshake("BEGIN");
        if (burst != null) {
            // The burst's connections are opened before it starts, so that the logins arrive together.
            burst.connect();
            sleepUntil(measureStart + seconds(option("burst-at", "10")));
            burst.fire();
            measureEnd = burst.lastAnswered + seconds(option("after", "10"));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        handshake("END");
        if (options.containsKey("handshake")) {
            System.in.read(); // the driver has read the CPU counters
        }
        String json = result(burst);
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), json);
        } else {
            System.out.println(json);
        }
        if (options.containsKey("sent")) {
            Files.write(Path.of(options.get("sent")), new ArrayList<>(codeRecipients));
        }
        System.exit(0);
    }

    void handshake(String word) {
        if (options.containsKey("handshake")) {
            System.out.println(word);
            System.out.flush();
        }
    }

    static void sleepUntil(long due) {
        for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
            LockSupport.parkNanos(due - now);
        }
    }

    /** The next job of a worker: a due follow-up first, else the next slot of the schedule; null at the end. */
    Job next() {
        Job followUp = followUps.poll();
        if (followUp != null) {
            return followUp;
        }
        if (mode.equals("closed")) {
            long now = System.nanoTime();
            if (now >= measureEnd) {
                return null;
            }
            return job(pattern[(int) (nextSlot.getAndIncrement() % pattern.length)], Math.max(now, t0));
        }
        long k = nextSlot.getAndIncrement();
        long due = t0 + (long) (k * 1e9 / slotRate);
        if (due >= measureEnd) {
            return null;
        }
        sleepUntil(due);
        return job(pattern[(int) (k % pattern.length)], due);
    }

    /** What one request of a route is (bench/README.md, the mix's table). */
    Job job(String route, long due) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long n = unique.incrementAndGet();
        String token = tokens.isEmpty() ? null : tokens.get((int) (n % tokens.size()));
        return switch (route) {
            case "me" -> new Job(route, due, "GET", "/store/customers/me", token, null, null);
            case "login" -> new Job(route, due, "POST", "/auth/customer/emailpass", null,
                    credentials("bench-" + random.nextInt(customers) + "@bench.test"), null);
            case "register" -> {
                String email = "reg-" + run + "-" + n + "@bench.test";
                yield new Job(route, due, "POST", "/auth/customer/emailpass/register", null, credentials(email), email);
            }
            case "otp_send" -> {
                long i = otpFrom + nextOtp.getAndIncrement();
                if (i >= otpTo) { // a second code for one customer: still valid, but counted
                    otpReused.incrementAndGet();
                    i = otpFrom + (i - otpFrom) % Math.max(1, otpTo - otpFrom);
                }
                yield new Job(route, due, "POST", "/store/customers/otp/send", null,
                        String.format("{\"customer_id\":\"cus_BENCHOTP%018d\",\"type\":\"email_verification\"}", i),
                        "otp-" + i + "@bench.test");
            }
            case "profile_update" -> new Job(route, due, "POST", "/store/customers/me", token,
                    "{\"first_name\":\"Bench " + n + "\"}", null);
            case "contact_request" -> {
                String email = "new-" + run + "-" + n + "@bench.test";
                yield new Job(route, due, "POST", "/store/customers/me/contact", token,
                        "{\"email\":\"" + email + "\"}", email);
            }
            case "reset_request" -> new Job(route, due, "POST", "/auth/customer/emailpass/reset-password", null,
                    "{\"identifier\":\"bench-" + nextReset.getAndIncrement() % customers + "@bench.test\"}", null);
            case "refresh" -> new Job(route, due, "POST", "/auth/token/refresh", token, null, null);
            case "trivial" -> new Job(route, due, "GET", "/actuator/health/liveness", null, null, null);
            default -> throw new IllegalArgumentException("unknown route " + route);
        };
    }

    String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    /** What an answer sets off: the follow-up of a sign-up or an OTP send, and the recipients of codes sent. */
    void answered(Job job, Response response) {
        if (response.status / 100 != 2) {
            return;
        }
        switch (job.route()) {
            case "register" -> {
                Matcher token = TOKEN.matcher(response.body);
                if (token.find()) {
                    followUps.add(new Job("create_customer", System.nanoTime(), "POST", "/store/customers", token.group(1),
                            "{\"email\":\"" + job.recipient() + "\",\"first_name\":\"Bench\",\"last_name\":\"Customer\"}",
                            job.recipient()));
                }
            }
            case "otp_send" -> {
                codeRecipients.add(job.recipient());
                Matcher token = TOKEN.matcher(response.body);
                if (token.find()) {
                    synchronized (otpWaiting) {
                        String code = codesArrived.remove(job.recipient());
                        if (code != null) {
                            verify(token.group(1), code);
                        } else {
                            otpWaiting.put(job.recipient(), token.group(1));
                        }
                    }
                }
            }
            case "create_customer", "contact_request" -> codeRecipients.add(job.recipient());
            default -> {
            }
        }
    }

    void verify(String otpToken, String code) {
        followUps.add(new Job("otp_verify", System.nanoTime(), "POST", "/store/customers/otp/verify", null,
                "{\"token\":\"" + otpToken + "\",\"code\":\"" + code + "\"}", null));
    }

    /** Follows the sink's file from its current end; each code for a pool customer lets its verify be sent. */
    void tailSink() {
        try (RandomAccessFile file = new RandomAccessFile(options.get("sink"), "r")) {
            long position = file.length();
            StringBuilder partial = new StringBuilder();
            byte[] buffer = new byte[65536];
            while (!stopping) {
                file.seek(position);
                int read = file.read(buffer);
                if (read <= 0) {
                    Thread.sleep(20);
                    continue;
                }
                position += read;
                partial.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    sinkLine(partial.substring(0, newline));
                    partial.delete(0, newline + 1);
                }
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("sink tail stopped: " + e);
        }
    }

    void sinkLine(String line) {
        Matcher to = SINK_TO.matcher(line);
        Matcher text = SINK_TEXT.matcher(line);
        if (!to.find() || !OTP_RECIPIENT.matcher(to.group(1)).matches() || !text.find()) {
            return;
        }
        Matcher code = CODE.matcher(unescape(text.group(1)));
        if (!code.find()) {
            return;
        }
        synchronized (otpWaiting) {
            String otpToken = otpWaiting.remove(to.group(1));
            if (otpToken != null) {
                verify(otpToken, code.group());
            } else {
                codesArrived.put(to.group(1), code.group());
            }
        }
    }

    static String unescape(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 == json.length()) {
                out.append(c);
                continue;
            }
            char next = json.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ workers

    /** One connection's loop: take the next job, send it, record it when it was due inside the measured window. */
    final class Worker implements Runnable {
        final Connection connection;
        final Map<String, Stats> stats = new TreeMap<>();
        final List<long[]> meTimeline = new ArrayList<>(); // burst: {due, latency} of each me

        Worker(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void run() {
            for (Job job = next(); job != null; job = next()) {
                long sent = System.nanoTime();
                Response response;
                try {
                    response = connection.send(job);
                } catch (IOException e) {
                    response = null;
                }
                long done = System.nanoTime();
                if (response != null) {
                    answered(job, response);
                }
                if (job.due() >= measureStart && job.due() < measureEnd) {
                    stats.computeIfAbsent(job.route(), r -> new Stats()).add(done - job.due(), done - sent, response);
                    if (mode.equals("burst") && job.route().equals("me")) {
                        meTimeline.add(new long[] {job.due(), done - job.due()});
                    }
                }
            }
        }
    }

    /** Latencies (from the due time), service times (from the send) and answers of one route. */
    static final class Stats {
        long[] latencies = new long[1024];
        long[] services = new long[1024];
        int count;
        int ioErrors;
        final Map<Integer, Integer> statuses = new TreeMap<>();
        final Map<Integer, Integer> retryAfter = new TreeMap<>(); // per refused status, answers with Retry-After

        void add(long latency, long service, Response response) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
                services = Arrays.copyOf(services, count * 2);
            }
            latencies[count] = latency;
            services[count++] = service;
            if (response == null) {
                ioErrors++;
                return;
            }
            statuses.merge(response.status, 1, Integer::sum);
            if (response.retryAfter) {
                retryAfter.merge(response.status, 1, Integer::sum);
            }
        }

        void addAll(Stats other) {
            for (int i = 0; i < other.count; i++) {
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                    services = Arrays.copyOf(services, count * 2);
                }
                latencies[count] = other.latencies[i];
                services[count++] = other.services[i];
            }
            ioErrors += other.ioErrors;
            other.statuses.forEach((s, n) -> statuses.merge(s, n, Integer::sum));
            other.retryAfter.forEach((s, n) -> retryAfter.merge(s, n, Integer::sum));
        }

        int errors() {
            return ioErrors + statuses.entrySet().stream().filter(e -> e.getKey() / 100 != 2).mapToInt(Map.Entry::getValue).sum();
        }
    }

    // ------------------------------------------------------------------ the burst

    /** --burst-logins logins, each on its own fresh connection, released together. */
    final class Burst {
        final List<Connection> connections = new ArrayList<>();
        final List<long[]> answers = Collections.synchronizedList(new ArrayList<>()); // {status, latency, retry-after}
        long firstSent;
        volatile long lastAnswered;

        Burst(int logins) {
            for (int i = 0; i < logins; i++) {
                connections.add(new Connection(targets[i % targets.length]));
            }
        }

        void connect() throws IOException {
            for (Connection connection : connections) {
                connection.open();
            }
        }

        void fire() throws InterruptedException {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (Connection connection : connections) {
                Thread thread = new Thread(() -> {
                    Job login = job("login", 0);
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long sent = firstSent;
                    long[] answer;
                    try {
                        Response response = connection.send(login);
                        answer = new long[] {response.status, System.nanoTime() - sent, response.retryAfter ? 1 : 0};
                    } catch (IOException e) {
                        answer = new long[] {0, System.nanoTime() - sent, 0};
                    }
                    answers.add(answer);
                });
                threads.add(thread);
                thread.start();
            }
            firstSent = System.nanoTime();
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            lastAnswered = System.nanoTime();
        }
    }

    // ------------------------------------------------------------------ HTTP/1.1

    /** An answer: status, body, whether it carried Retry-After and whether the server closes the connection. */
    record Response(int status, String body, boolean retryAfter, boolean close) {
    }

    /** One keep-alive connection, reopened when the server closes it (Tomcat does after 100 requests). */
    static final class Connection {
        final URI target;
        final String host;
        Socket socket;
        InputStream in;
        OutputStream out;
        boolean reused;

        Connection(URI target) {
            this.target = target;
            this.host = target.getHost() + ":" + target.getPort();
        }

        void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 16384);
            out = socket.getOutputStream();
            reused = false;
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }

        Response send(Job job) throws IOException {
            StringBuilder head = new StringBuilder(256).append(job.method()).append(' ').append(job.path())
                    .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            if (job.token() != null) {
                head.append("Authorization: Bearer ").append(job.token()).append("\r\n");
            }
            byte[] body = job.body() == null ? new byte[0] : job.body().getBytes(StandardCharsets.UTF_8);
            if (job.body() != null) {
                head.append("Content-Type: application/json\r\n");
            }
            if (job.method().equals("POST")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            ByteArrayOutputStream request = new ByteArrayOutputStream(head.length() + body.length);
            request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            request.writeBytes(body);
            // A kept-alive connection the server closed meanwhile fails before any answer: send again, once, on a new one.
            for (int attempt = 0; ; attempt++) {
                if (socket == null) {
                    open();
                }
                boolean wasReused = reused;
                try {
                    out.write(request.toByteArray());
                    out.flush();
                    Response response = read();
                    reused = true;
                    if (response.close()) {
                        close();
                    }
                    return response;
                } catch (EOFException | java.net.SocketException e) {
                    close();
                    if (attempt > 0 || !wasReused) {
                        throw e;
                    }
                } catch (IOException e) {
                    close();
                    throw e;
                }
            }
        }

        Response read() throws IOException {
            String status = line();
            if (status == null) {
                throw new EOFException("closed before the answer");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            boolean retryAfter = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase();
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase().contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    case "retry-after" -> retryAfter = true;
                    default -> {
                    }
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    body.writeBytes(in.readNBytes(size));
                    line();
                }
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers: none expected
                }
            } else if (length > 0) {
                byte[] bytes = in.readNBytes((int) length);
                if (bytes.length < length) {
                    throw new EOFException("body cut short");
                }
                body.writeBytes(bytes);
            } else if (length < 0 && code != 204 && code != 304) {
                body.writeBytes(in.readAllBytes()); // delimited by the connection's end
                close = true;
            }
            return new Response(code, body.toString(StandardCharsets.UTF_8), retryAfter, close);
        }

        String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return line.length() == 0 ? null : line.toString();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    // ------------------------------------------------------------------ the result

    String result(Burst burst) {
        stopping = true;
        double seconds = (measureEnd - measureStart) / 1e9;
        Map<String, Stats> routes = new TreeMap<>();
        for (Worker worker : workers) {
            worker.stats.forEach((route, stats) -> routes.computeIfAbsent(route, r -> new Stats()).addAll(stats));
        }
        Json json = new Json();
        json.open().field("mode", mode).field("connections", connections).field("rate", rate)
                .field("targets", targets.length).field("seconds", seconds);
        long total = routes.values().stream().mapToLong(s -> s.count).sum();
        json.field("requests", total).field("rps", total / seconds);
        json.key("routes").open();
        routes.forEach((route, stats) -> {
            json.key(route).open().field("requests", stats.count).field("rps", stats.count / seconds);
            percentiles(json, "", stats.latencies, stats.count);
            percentiles(json, "service_", stats.services, stats.count);
            json.field("errors", stats.errors()).field("io_errors", stats.ioErrors);
            json.key("statuses").open();
            stats.statuses.forEach((status, n) -> json.field(Integer.toString(status), n));
            json.close().key("retry_after").open();
            stats.retryAfter.forEach((status, n) -> json.field(Integer.toString(status), n));
            json.close().close();
        });
        json.close();
        synchronized (otpWaiting) {
            json.field("otp_codes_not_arrived", otpWaiting.size());
        }
        json.field("follow_ups_not_sent", followUps.size()).field("otp_inputs_reused", otpReused.get());
        if (burst != null) {
            burstResult(json, burst);
        }
        return json.close().toString();
    }

    /** me's latency before, during (first login sent to last answered) and after the burst, and the logins' answers. */
    void burstResult(Json json, Burst burst) {
        List<long[]> timeline = new ArrayList<>();
        workers.forEach(worker -> timeline.addAll(worker.meTimeline));
        json.key("burst").open().field("logins", burst.connections.size())
                .field("during_s", (burst.lastAnswered - burst.firstSent) / 1e9);
        String[] windows = {"before", "during", "after"};
        for (int w = 0; w < 3; w++) {
            int window = w;
            long[] latencies = timeline.stream().filter(e -> window == 0 ? e[0] < burst.firstSent
                    : window == 1 ? e[0] >= burst.firstSent && e[0] <= burst.lastAnswered : e[0] > burst.lastAnswered)
                    .mapToLong(e -> e[1]).toArray();
            json.key("me_" + windows[w]).open().field("requests", latencies.length);
            percentiles(json, "", latencies, latencies.length);
            json.close();
        }
        // Where in the burst me's tail is: 100 ms windows for its first second (its arrival), then whole seconds.
        json.key("me_during_windows").open();
        long end = burst.lastAnswered - burst.firstSent;
        for (long from = 0, until; from < end; from = until) {
            long start = from;
            until = Math.min(end, from + (from < 1_000_000_000L ? 100_000_000L : 1_000_000_000L));
            long windowEnd = until;
            long[] latencies = timeline.stream().filter(e -> e[0] - burst.firstSent >= start && e[0] - burst.firstSent < windowEnd)
                    .mapToLong(e -> e[1]).toArray();
            json.key(Long.toString(from / 1_000_000)).open().field("to_ms", until / 1_000_000)
                    .field("requests", latencies.length);
            percentiles(json, "", latencies, latencies.length);
            json.close();
        }
        json.close();
        long[] served = burst.answers.stream().filter(a -> a[0] / 100 == 2).mapToLong(a -> a[1]).toArray();
        json.key("served").open().field("count", served.length);
        percentiles(json, "", served, served.length);
        json.close().key("answers").open();
        Map<Long, Integer> byStatus = new TreeMap<>();
        Map<Long, Integer> withRetryAfter = new TreeMap<>();
        for (long[] answer : burst.answers) {
            byStatus.merge(answer[0], 1, Integer::sum);
            withRetryAfter.merge(answer[0], (int) answer[2], Integer::sum);
        }
        byStatus.forEach((status, n) -> json.field(status == 0 ? "io_error" : Long.toString(status), n));
        json.close().key("retry_after").open();
        withRetryAfter.forEach((status, n) -> json.field(status == 0 ? "io_error" : Long.toString(status), n));
        json.close().close();
    }

    static void percentiles(Json json, String prefix, long[] values, int count) {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        json.field(prefix + "p50_ms", at(sorted, 0.50)).field(prefix + "p99_ms", at(sorted, 0.99))
                .field(prefix + "p999_ms", at(sorted, 0.999)).field(prefix + "max_ms", count == 0 ? 0 : sorted[count - 1] / 1e6);
    }

    static double at(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** Just enough JSON writing for the result: objects of numbers and strings. */
    static final class Json {
        final StringBuilder out = new StringBuilder();
        boolean first = true;

        Json open() {
            out.append('{');
            first = true;
            return this;
        }

        Json close() {
            out.append('}');
            first = false;
            return this;
        }

        Json key(String name) {
            if (!first) {
                out.append(',');
            }
            out.append('"').append(name).append("\":");
            first = true;
            return this;
        }

        Json field(String name, Object value) {
            key(name);
            if (value instanceof String) {
                out.append('"').append(value).append('"');
            } else if (value instanceof Double d) {
                out.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null");
            } else {
                out.append(value);
            }
            first = false;
            return this;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
