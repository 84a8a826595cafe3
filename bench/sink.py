#!/usr/bin/env python3
"""A local notification sink for bench/run: a minimal SMTP server and an HTTP server for the SMS webhook.

Every message is appended as one JSON line {"channel", "to", "text", "t"} to the output file, so the benchmark can
read the codes the service sent (OTP verify needs real codes) and nothing goes to the service's log.
Standard library only (smtpd left Python in 3.12); loopback only.

    sink.py --smtp-port 2525 --http-port 2626 --out sink.jsonl
"""
import argparse
import asyncio
import email
import json
import socket
import threading
import time
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Recorder:
    def __init__(self, path):
        self.file = open(path, "a", buffering=1, encoding="utf-8")
        self.lock = threading.Lock()

    def record(self, channel, to, text):
        line = json.dumps({"channel": channel, "to": to, "text": text, "t": round(time.time(), 3)})
        with self.lock:
            self.file.write(line + "\n")


def message_text(raw):
    """The decoded text of every text part of an RFC 5322 message (quoted-printable, base64, multipart)."""
    message = email.message_from_bytes(raw, policy=policy.default)
    texts = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            try:
                texts.append(part.get_content())
            except (LookupError, ValueError):
                texts.append(part.get_payload(decode=True).decode("utf-8", "replace"))
    return "\n".join(texts)


async def smtp_session(reader, writer, recorder):
    # Replies go out at once (no Nagle): a client waiting for the rest of a reply would otherwise wait for
    # its own delayed ACK, 40 ms a message.
    writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def reply(line):
        writer.write((line + "\r\n").encode())

    reply("220 bench-sink ESMTP")
    recipients = []
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                reply("250-bench-sink\r\n250-8BITMIME\r\n250 SMTPUTF8")
            elif verb == "HELO":
                reply("250 bench-sink")
            elif verb == "MAIL":
                recipients = []
                reply("250 OK")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].strip() if ":" in command else ""
                recipients.append(address.split()[0].strip("<>") if address else "")
                reply("250 OK")
            elif verb == "DATA":
                reply("354 End data with <CR><LF>.<CR><LF>")
                await writer.drain()
                lines = []
                while True:
                    data = await reader.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    lines.append(data[1:] if data.startswith(b"..") else data)
                text = message_text(b"".join(lines))
                for to in recipients:
                    recorder.record("email", to.lower(), text)
                reply("250 OK queued")
            elif verb == "QUIT":
                reply("221 Bye")
                await writer.drain()
                break
            elif verb in ("RSET", "NOOP"):
                recipients = [] if verb == "RSET" else recipients
                reply("250 OK")
            else:
                reply("502 Command not implemented")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


def http_handler(recorder):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                payload = json.loads(body)
                recorder.record("sms", str(payload.get("to", "")), str(payload.get("message", "")))
            except ValueError:
                recorder.record("sms", "", body.decode("utf-8", "replace"))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    return Handler


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smtp-port", type=int, required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    recorder = Recorder(args.out)
    http = ThreadingHTTPServer(("127.0.0.1", args.http_port), http_handler(recorder))
    threading.Thread(target=http.serve_forever, daemon=True).start()
    server = await asyncio.start_server(lambda r, w: smtp_session(r, w, recorder), "127.0.0.1", args.smtp_port)
    print(f"sink ready: smtp 127.0.0.1:{args.smtp_port}, http 127.0.0.1:{args.http_port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
