#!/bin/sh
# screens.sh - rebuild docs/screens.md from the screens the end-to-end
# tests capture (make screens).  Nothing here is drawn by hand: each block
# is what tmux's capture-pane read from the real program at 80x24.
set -eu
dir=$1
out=docs/screens.md
{
	echo "# Screens"
	echo
	echo "Each screen below was captured at 80x24 by the end-to-end tests"
	echo "(\`tests/e2e/*.sh\`, run by \`make screens\`) with tmux's capture-pane:"
	echo "it is what the real program drew, not a drawing of it."
	echo
	for name in first-run sign-in home help log-policy log-customer log-summary \
	    log-question log-not-empowered log-standards log-confirm log-saved drafts-ask \
	    log-promise too-small review-queue review-detail amended-contact followups \
	    followups-member reports report-members members drill-start drill-who \
	    drill-scenario drill-result drill-done quiz quiz-result drill-analysis \
	    evaluator-home evaluation-form evaluation-saved survey-entry recognition \
	    measures-results; do
		f="$dir/$name.txt"
		[ -f "$f" ] || continue
		case $name in
		first-run) title="First run: creating the first supervisor" ;;
		sign-in) title="Sign-in: typing part of a name" ;;
		home) title="Home" ;;
		help) title="The help overlay (?)" ;;
		log-policy) title="Logging a contact: the policy (remembered after the first time)" ;;
		log-customer) title="Logging a contact: the customer kind" ;;
		log-summary) title="Logging a contact: the summary" ;;
		log-question) title="The empowerment check, one question at a time" ;;
		log-not-empowered) title="The result in the policy's words: not empowered" ;;
		log-standards) title="The standards checklist" ;;
		log-confirm) title="Confirm" ;;
		log-saved) title="Saved" ;;
		drafts-ask) title="Starting a contact with one unfinished: continue, keep both, or discard" ;;
		log-promise) title="A promised follow-up: what, to whom" ;;
		too-small) title="A terminal smaller than 80x24 (60x20)" ;;
		amended-contact) title="An amended contact: who, when, why; a new sign-off needed" ;;
		followups-member) title="A member's follow-ups: the promise whole, the number to call back" ;;
		report-members) title="Reports: member by member, largest first, scrolling" ;;
		members) title="Supervisor: the members (add, role, PIN, unlock)" ;;
		drill-who) title="Trainer: who is here (find by typing)" ;;
		drill-done) title="Trainer: the end of a drill, each trainee's score" ;;
		quiz-result) title="A quiz result, with the grader's reason" ;;
		drill-analysis) title="Trainer: the item analysis" ;;
		review-queue) title="Supervisor: the review queue (unreviewed first)" ;;
		review-detail) title="Supervisor: one contact, to sign off, debrief, commend or amend" ;;
		followups) title="Supervisor: everyone's open follow-ups, overdue marked" ;;
		reports) title="Supervisor: the report summary" ;;
		drill-start) title="Trainer: starting a drill" ;;
		drill-scenario) title="Trainer: a drill scenario" ;;
		drill-result) title="Trainer: expected answers beside the trainee's" ;;
		quiz) title="A quiz item" ;;
		evaluator-home) title="Evaluator: home, the evaluation form and nothing else" ;;
		evaluation-form) title="The secret-shopper evaluation form (Rochester, phone)" ;;
		evaluation-saved) title="An evaluation saved, with its score" ;;
		survey-entry) title="Supervisor: a survey response typed from a callback" ;;
		recognition) title="Supervisor: the recognition program, each member's evidence" ;;
		measures-results) title="Reports: satisfaction by question, too few responses marked" ;;
		esac
		echo "## $title"
		echo
		echo '```'
		sed 's/[[:space:]]*$//' "$f"
		echo '```'
		echo
	done
} >"$out"
echo "wrote $out"
