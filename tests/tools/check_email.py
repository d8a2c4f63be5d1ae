#!/usr/bin/env python3
"""Checks a JUO e-mail with an independent parser: Python's standard `email` package.

Usage:
  check_email.py MESSAGE_FILE [KIND]       check a message (a file of the maildir, say); KIND
                                           "confirmation", or "reminder" / "bulk" (a survey
                                           too), adds that kind's checks
  check_email.py --generate MAIL_TEST      run the mail test binary, which writes a booking
                                           confirmation to the file named by JUO_MAIL_SAMPLE_OUT
                                           and a tour reminder to JUO_MAIL_REMINDER_OUT, then
                                           check both messages (how CTest runs it)

The message must parse with `policy=email.policy.default` without a single defect (in the
message, its parts or its address headers), its From and To must each hold one mailbox whose
address is in clear (local part and domain), the From's display name must decode to readable
text, and the Message-ID must be an RFC 5322 msg-id whose domain is the From's. Every message has
a text/plain and a text/html alternative (multipart/alternative), both decoding, the HTML parsing
with html.parser (balanced, <html lang>, sections in French and English, no script, no remote
image); no line is longer than 998 characters, nor than 78 but a List-Unsubscribe URL's. A
confirmation is multipart/mixed > (alternative(text, html), PNG, .ics), with no List-Unsubscribe;
a reminder has List-Unsubscribe with an https URL and List-Unsubscribe-Post:
List-Unsubscribe=One-Click (RFC 8058).
Exit status 0 when all holds; 1 with the reasons otherwise.
"""
import email
import email.policy
import html.parser
import os
import subprocess
import sys
import tempfile


def problems_of(raw: bytes) -> list:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    problems = []
    for part in msg.walk():
        for defect in part.defects:
            problems.append(f"part {part.get_content_type()}: {type(defect).__name__}: {defect}")
    domains = {}
    for name in ("From", "To", "Reply-To"):
        header = msg[name]
        if header is None:
            if name != "Reply-To":
                problems.append(f"{name}: missing")
            continue
        for defect in header.defects:
            problems.append(f"{name}: {type(defect).__name__}: {defect}")
        addresses = header.addresses
        if len(addresses) != 1:
            problems.append(f"{name}: {len(addresses)} mailboxes in {str(header)!r}, expected 1")
            continue
        a = addresses[0]
        if not a.username or not a.domain or "=?" in a.addr_spec:
            problems.append(f"{name}: no address in clear in {str(header)!r} (addr-spec {a.addr_spec!r})")
        if "=?" in a.display_name:
            problems.append(f"{name}: display name not decoded: {a.display_name!r}")
        domains[name] = a.domain
    if msg["From"] is not None and msg["From"].addresses and not msg["From"].addresses[0].display_name:
        problems.append("From: no display name")
    message_id = msg["Message-ID"]
    if message_id is None:
        problems.append("Message-ID: missing")
    else:
        for defect in message_id.defects:
            problems.append(f"Message-ID: {type(defect).__name__}: {defect}")
        text = str(message_id).strip()
        if not (text.startswith("<") and text.endswith(">") and text.count("@") == 1):
            problems.append(f"Message-ID: not <left@right>: {text!r}")
        elif "From" in domains and text[1:-1].split("@")[1] != domains["From"]:
            problems.append(f"Message-ID: {text!r} is not under the From's domain {domains['From']!r}")
    if msg["Subject"] is None or "=?" in str(msg["Subject"]):
        problems.append(f"Subject: missing or not decoded: {msg['Subject']!r}")
    body = msg.get_body(preferencelist=("plain",))
    if body is None:
        problems.append("no text/plain part")
    else:
        try:
            body.get_content()
        except Exception as e:  # a body that does not decode is a defect too
            problems.append(f"text part does not decode: {e}")
    return problems


VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "area", "base", "col", "embed", "source",
        "track"}


class HtmlChecker(html.parser.HTMLParser):
    """Collects what the checks need: unclosed or stray tags, lang attributes, forbidden tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.langs, self.links = [], [], [], []
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if "lang" in a and tag != "html":
            self.langs.append(a["lang"])
        if tag in ("script", "iframe", "object", "link"):
            self.problems.append(f"HTML: <{tag}> in an e-mail")
        if tag == "img" and a.get("src", "").startswith(("http:", "https:", "//")):
            self.problems.append(f"HTML: remote image {a.get('src')}")
        if tag == "a":
            self.links.append(a.get("href", ""))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"HTML: </{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()


def html_problems(text: str) -> list:
    checker = HtmlChecker()
    checker.feed(text)
    checker.close()
    problems = list(checker.problems)
    if checker.stack:
        problems.append(f"HTML: unclosed {checker.stack}")
    if checker.html_lang not in ("fr", "en"):
        problems.append(f"HTML: <html lang> is {checker.html_lang!r}")
    if "fr" not in checker.langs or "en" not in checker.langs:
        problems.append(f"HTML: no French and English sections (lang attributes {checker.langs})")
    if not text.lstrip().lower().startswith("<!doctype html>"):
        problems.append("HTML: no <!DOCTYPE html>")
    return problems


def line_problems(raw: bytes) -> list:
    problems = []
    for number, line in enumerate(raw.split(b"\r\n"), 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: a bare CR or LF")
        if len(line) > 998:
            problems.append(f"line {number}: {len(line)} characters (RFC 5322 allows 998)")
        elif len(line) > 78 and not line.lstrip().startswith((b"<https://", b"<http://")):
            problems.append(f"line {number}: {len(line)} characters (RFC 5322 wants 78): {line[:60]!r}")
    return problems


def structure(part) -> str:
    """The MIME tree as text: multipart/mixed(multipart/alternative(text/plain,text/html),image/png)."""
    if part.is_multipart():
        return part.get_content_type() + "(" + ",".join(structure(p) for p in part.iter_parts()) + ")"
    return part.get_content_type()


def kind_problems(raw: bytes, kind: str) -> list:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    problems = []
    tree = structure(msg)
    if kind == "confirmation":
        expected = ("multipart/mixed(multipart/alternative(text/plain,text/html),image/png,text/calendar)")
        if tree != expected:
            problems.append(f"confirmation: MIME tree {tree}, expected {expected}")
        for header in ("List-Unsubscribe", "List-Unsubscribe-Post"):
            if msg[header] is not None:
                problems.append(f"confirmation: a transactional e-mail with {header}")
    elif kind in ("reminder", "bulk"):
        value = str(msg["List-Unsubscribe"] or "").strip()
        urls = [u.strip() for u in value.replace("\r\n", "").split(",")]
        https = [u for u in urls if u.startswith("<https://") and u.endswith(">") and "jeton=" in u]
        if not https:
            problems.append(f"reminder: List-Unsubscribe holds no https URL with a token: {value!r}")
        post = str(msg["List-Unsubscribe-Post"] or "").strip()
        if post != "List-Unsubscribe=One-Click":
            problems.append(f"reminder: List-Unsubscribe-Post is {post!r}")
    return problems


def check(raw: bytes, kind: str = "") -> list:
    problems = problems_of(raw) + line_problems(raw) + kind_problems(raw, kind)
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    html_part = msg.get_body(preferencelist=("html",))
    if html_part is None:
        problems.append("no text/html part")
    else:
        try:
            problems += html_problems(html_part.get_content())
        except Exception as e:
            problems.append(f"HTML part does not decode: {e}")
    alternatives = [p for p in msg.walk() if p.get_content_type() == "multipart/alternative"]
    if len(alternatives) != 1 or [p.get_content_type() for p in alternatives[0].iter_parts()] != [
            "text/plain", "text/html"]:
        problems.append(f"not one multipart/alternative(text/plain, text/html): {structure(msg)}")
    return problems


def summary(raw: bytes) -> str:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    out = (f"From {str(msg['From'])!r}, To {str(msg['To'])!r}, Message-ID {str(msg['Message-ID'])!r}, "
           f"tree {structure(msg)}")
    if msg["List-Unsubscribe"] is not None:
        out += f", List-Unsubscribe {str(msg['List-Unsubscribe']).strip()[:70]}…, "
        out += f"List-Unsubscribe-Post {str(msg['List-Unsubscribe-Post'])!r}"
    return out


def main(argv: list) -> int:
    messages = []  # (name, raw, kind)
    if len(argv) == 3 and argv[1] == "--generate":
        with tempfile.TemporaryDirectory() as tmp:
            outs = {"confirmation": os.path.join(tmp, "booking.eml"), "reminder": os.path.join(tmp, "reminder.eml")}
            env = dict(os.environ, JUO_MAIL_SAMPLE_OUT=outs["confirmation"], JUO_MAIL_REMINDER_OUT=outs["reminder"])
            run = subprocess.run(
                [argv[2], "--gtest_filter=SenderTest.TheConfirmationLandsInTheMaildirWithTicketAndCalendar:"
                          "SenderTest.AReminderCarriesListUnsubscribeAndTheConfirmationNone"],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for kind, out in outs.items():
                if not os.path.exists(out):
                    sys.stdout.write(run.stdout.decode(errors="replace"))
                    print(f"check_email: the mail test did not write {out}")
                    return 1
                with open(out, "rb") as f:
                    messages.append((kind, f.read(), kind))
            if run.returncode != 0:  # the messages are checked all the same: this check stands alone
                print(f"check_email: the mail test failed (exit {run.returncode}); checking its messages anyway")
    elif len(argv) in (2, 3) and not argv[1].startswith("--"):
        with open(argv[1], "rb") as f:
            messages.append((argv[1], f.read(), argv[2] if len(argv) == 3 else ""))
    else:
        print(__doc__)
        return 2
    failed = False
    for name, raw, kind in messages:
        problems = check(raw, kind)
        for p in problems:
            print(f"check_email: {name}: {p}")
        if not problems:
            print(f"check_email: {name} ok, {summary(raw)}")
        failed = failed or bool(problems)
    if len(argv) == 3 and argv[1] == "--generate" and run.returncode != 0:
        print("check_email: the mail test failed")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
