#!/usr/bin/env python3
"""Checks a JUO e-mail with an independent parser: Python's standard `email` package.

Usage:
  check_email.py MESSAGE_FILE              check a message (a file of the maildir, say)
  check_email.py --generate MAIL_TEST      run the mail test binary, which writes a booking
                                           confirmation to the file named by JUO_MAIL_SAMPLE_OUT,
                                           then check that message (how CTest runs it)

The message must parse with `policy=email.policy.default` without a single defect (in the
message, its parts or its address headers), its From and To must each hold one mailbox whose
address is in clear (local part and domain), the From's display name must decode to readable
text, and the Message-ID must be an RFC 5322 msg-id whose domain is the From's.
Exit status 0 when all holds; 1 with the reasons otherwise.
"""
import email
import email.policy
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


def main(argv: list) -> int:
    if len(argv) == 3 and argv[1] == "--generate":
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "booking.eml")
            env = dict(os.environ, JUO_MAIL_SAMPLE_OUT=out)
            run = subprocess.run(
                [argv[2], "--gtest_filter=SenderTest.TheConfirmationLandsInTheMaildirWithTicketAndCalendar"],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if not os.path.exists(out):
                sys.stdout.write(run.stdout.decode(errors="replace"))
                print(f"check_email: the mail test did not write {out}")
                return 1
            with open(out, "rb") as f:
                raw = f.read()
            if run.returncode != 0:  # the message is checked all the same: this check stands alone
                print(f"check_email: the mail test failed (exit {run.returncode}); checking its message anyway")
    elif len(argv) == 2:
        with open(argv[1], "rb") as f:
            raw = f.read()
    else:
        print(__doc__)
        return 2
    problems = problems_of(raw)
    if len(argv) == 3 and run.returncode != 0:
        problems.append("the mail test failed")
    for p in problems:
        print("check_email:", p)
    if not problems:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        print(f"check_email: ok, From {str(msg['From'])!r}, To {str(msg['To'])!r}, "
              f"Message-ID {str(msg['Message-ID'])!r}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
