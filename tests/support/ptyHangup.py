#!/usr/bin/env python3
# A pseudo-terminal whose master side can be closed, as sshd closes it when
# the connection drops (util-linux `script` holds its master until it exits).
# Used by tests/support/ptyRun.ts (Dash with `hangup: true`).
#
#   python3 ptyHangup.py COLS ROWS COMMAND
#
# Runs `sh -c COMMAND` as the leader of a new session whose controlling
# terminal is the pty's slave side (`exec node …` makes the app itself the
# session leader, as `ssh -t host sitrep` does). The pty's output is copied
# to stdout and stdin to the pty, byte for byte. When stdin ends, the master
# side is closed: the kernel hangs the terminal up (SIGHUP to the session
# leader; reads give end-of-file, writes EIO). The helper then waits for the
# command and prints its wait status on stderr as one JSON line:
#   {"status": 129, "signal": 1, "core": false}
# (status as a shell reports it: the exit code, or 128 + the signal's number).
# If the command ends before stdin does, the same line is printed then.
import fcntl
import json
import os
import pty
import select
import struct
import sys
import termios


def report(pid):
    _, st = os.waitpid(pid, 0)
    if os.WIFSIGNALED(st):
        sig = os.WTERMSIG(st)
        out = {"status": 128 + sig, "signal": sig, "core": os.WCOREDUMP(st)}
    else:
        out = {"status": os.WEXITSTATUS(st), "signal": None, "core": False}
    sys.stderr.write(json.dumps(out) + "\n")
    sys.stderr.flush()


def main():
    cols, rows, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    pid, master = pty.fork()
    if pid == 0:
        # The slave side gets its size before anything runs on it.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvp("sh", ["sh", "-c", command])
    stdin_open = True
    while True:
        watched = [master] + ([0] if stdin_open else [])
        ready, _, _ = select.select(watched, [], [])
        if master in ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                data = b""
            if not data:
                # Every slave side is closed: the command is over (or has let go of the terminal).
                os.close(master)
                report(pid)
                return
            os.write(1, data)
        if 0 in ready:
            data = os.read(0, 65536)
            if data:
                os.write(master, data)
            else:
                # The connection drops.
                os.close(master)
                report(pid)
                return


main()
