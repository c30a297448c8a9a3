# tmux.sh - drive the real cslog in a real terminal (sourced after lib.sh).
#
# A private tmux server (-L, -f /dev/null) runs cslog in an 80x24 window.
# Keys go in with send-keys; the screen comes back with capture-pane.
# Waits poll the screen for the text expected instead of sleeping.
_starts=0
TMUX_SOCK="cslog-test-$$-0"
export TERM=xterm-256color
tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }
# A cslog of this suite's still alive once its terminal is gone: under
# the sanitizers, one that got SIGHUP can hang in LeakSanitizer's check
# at exit and spin for ever (seen in make check: one was still at 56 %
# of a core 15 minutes after its suite).  Killed outright at the end.
_tmux_reap() {
	for _p in $(pgrep -f "^$CSLOG_BIN" 2>/dev/null); do
		tr '\0' '\n' <"/proc/$_p/environ" 2>/dev/null |
		    grep -q "^TMUX=.*/cslog-test-$$-" && kill -9 "$_p" 2>/dev/null
	done
}
_tmux_cleanup() { tm kill-server 2>/dev/null; sleep 0.2; _tmux_reap; rm -rf "$T"; }
trap _tmux_cleanup EXIT

# start [ARGS...]: cslog ARGS in a fresh 80x24 session named "s", on a
# server of its own (a new socket each time: no race with the old one).
# Its exit status is shown as "EXITED N" at the start of a line of its
# own, the terminal made sane first: a cslog killed leaves it raw, and
# the shell's "Killed ..." line (as long as the command) would otherwise
# wrap "EXITED" across two lines.
start() {
	tm kill-server 2>/dev/null
	_starts=$((_starts + 1))
	TMUX_SOCK="cslog-test-$$-$_starts"
	tm new-session -d -s s -x "${COLS_:-80}" -y "${LINES_:-24}" \
	    "cd '$SRC' && HOME='$HOME' CSLOG_DB='$CSLOG_DB' TZ=UTC LC_ALL=C.UTF-8 \
	    ESCDELAY=25 ${EXTRA_ENV:-} '$CSLOG_BIN' $*; _rc=\$?; stty sane 2>/dev/null; \
	    printf '\\r\\nEXITED %s\\n' \$_rc; sleep 30"
	tm set-option -t s remain-on-exit on >/dev/null 2>&1
}

# screen: the visible screen as text, into $T/screen.
screen() { tm capture-pane -p -t s >"$T/screen"; }

# keys KEY...: send keys (tmux key names: Enter, Escape, C-j, Up, BSpace...).
# An Esc with a key right behind it is what Alt-key sends, which cslog
# ignores (src/tui/keyread.c): the key after an Esc goes in once the Esc
# stands alone (ESCDELAY=25 ms here), as a person's would; M-x sends Alt-x.
_esc_pending=0
_esc_gap() { [ "$_esc_pending" = 0 ] || sleep 0.06; _esc_pending=0; }
keys() {
	case " $* " in
	*" Escape "*)
		for _k in "$@"; do
			_esc_gap
			tm send-keys -t s "$_k"
			[ "$_k" != Escape ] || _esc_pending=1
		done ;;
	*) _esc_gap; tm send-keys -t s "$@" ;;
	esac
}

# type TEXT: send literal text.
typ() { _esc_gap; tm send-keys -t s -l -- "$1"; }

# settle: capture again until two captures agree (at most a second), so
# that $T/screen is a whole frame, not one tmux read while the program
# was still drawing it (a check that something is gone would see the
# old frame's lower half).
settle() {
	_j=0
	while [ "$_j" -lt 20 ]; do
		cp "$T/screen" "$T/screen.prev"
		sleep 0.03
		screen
		_esc_pending=0   # 30 ms and more gone: an Esc before stands alone
		cmp -s "$T/screen" "$T/screen.prev" && return 0
		_j=$((_j + 1))
	done
}

# wait_for TEXT [SECONDS]: poll until the screen shows TEXT (and has
# settled); 0 or 1.
wait_for() {
	_i=0
	_max=$(( ${2:-10} * 20 ))
	while [ "$_i" -lt "$_max" ]; do
		screen
		if grep -qF -- "$1" "$T/screen"; then
			settle
			return 0
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	echo "# timed out waiting for: $1"
	sed 's/^/#   | /' "$T/screen"
	return 1
}

# shows TEXT description: wait for TEXT, as a test.
shows() { wait_for "$1" "${3:-10}"; ok $? "$2"; }

# resize COLS LINES
resize() { tm resize-window -t s -x "$1" -y "$2" 2>/dev/null || tm resize-pane -t s -x "$1" -y "$2"; }

# snapshot NAME: keep the current screen for docs/screens.md.
snapshot() {
	screen
	if [ -n "${CSLOG_SNAPSHOTS:-}" ]; then
		mkdir -p "$CSLOG_SNAPSHOTS"
		cp "$T/screen" "$CSLOG_SNAPSHOTS/$1.txt"
	fi
}

# sql QUERY: run QUERY on the test database with the sqlite3 shell.
sql() { sqlite3 -batch -noheader -cmd ".timeout 10000" "$CSLOG_DB" "$1"; }
