/* import_jsonl.c - the checking pass of JSON Lines, parsed on two
 * threads.
 *
 * The checking pass holds no lock, but nothing is written until it
 * ends, and for JSON Lines most of it is jansson parsing each line
 * (about 2.4 s of CPU for 100,000 contacts, against 0.5 s for the same
 * records as CSV).  Lines do not depend on each other, so two threads
 * parse them: this one reads the lines (and, for standard input, copies
 * them to the spool, as before) into a short ring, a second thread
 * parses the next unparsed line while this one parses the line it must
 * take next if nobody has started it yet, and every line is then taken
 * here in order (imp_jsonl_take: checked, kept, or reported by its
 * line), so the messages, the kept records and the counts are those of
 * one thread.  The second thread touches nothing of the import's: only
 * the ring, under its mutex.  The ring holds RING lines, so memory does
 * not grow with the input: at most RING lines, and no more text than
 * HOLD unless one line alone is longer (up to the most one may be). */
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "import_int.h"

#define RING 256
#define HOLD (4u << 20)

enum slot_state { S_TEXT, S_BUSY, S_DONE };

struct slot {
	enum slot_state state;
	long line;
	char *text;           /* owned while S_TEXT or S_BUSY */
	size_t len;
	int fatal;            /* S_DONE from reading: the error that stops it */
	struct jl_out out;    /* S_DONE */
};

struct ring {
	pthread_mutex_t mu;
	pthread_cond_t work;  /* a line to parse, or stop */
	pthread_cond_t done;  /* a line parsed */
	struct slot s[RING];
	uint64_t head;        /* next to take */
	uint64_t tail;        /* next to fill */
	uint64_t claim;       /* next that may be parsed (never before head) */
	size_t bytes;         /* text of the lines read and not taken */
	bool stop;
	bool worker_waits, taker_waits;
};

static struct slot *
at(struct ring *g, uint64_t seq)
{
	return &g->s[seq % RING];
}

/* Parse slot s (claimed: S_BUSY), then mark it done.  Called unlocked. */
static void
parse(struct ring *g, struct slot *s)
{
	imp_jsonl_parse(s->text, s->len, &s->out);
	free(s->text);
	s->text = NULL;
	pthread_mutex_lock(&g->mu);
	s->state = S_DONE;
	if (g->taker_waits)
		pthread_cond_signal(&g->done);
	pthread_mutex_unlock(&g->mu);
}

/* The next slot to parse, claimed (locked); NULL when there is none. */
static struct slot *
claim(struct ring *g)
{
	struct slot *s;

	while (g->claim < g->tail && at(g, g->claim)->state == S_DONE)
		g->claim++;   /* read errors come parsed */
	if (g->claim == g->tail)
		return NULL;
	s = at(g, g->claim++);
	s->state = S_BUSY;
	return s;
}

static void *
worker(void *arg)
{
	struct ring *g = arg;
	struct slot *s;

	pthread_mutex_lock(&g->mu);
	while (!g->stop) {
		if ((s = claim(g)) != NULL) {
			pthread_mutex_unlock(&g->mu);
			parse(g, s);
			pthread_mutex_lock(&g->mu);
			continue;
		}
		g->worker_waits = true;
		pthread_cond_wait(&g->work, &g->mu);
		g->worker_waits = false;
	}
	pthread_mutex_unlock(&g->mu);
	return NULL;
}

/* Read the next line into the slot at the tail; false at the end of
 * the input or once reading failed (that failure is the slot's). */
static bool
fill(struct ring *g, struct csv_reader *rd)
{
	struct csv_record rec = { 0 };
	struct cs_err e = { 0 };
	struct slot *s = at(g, g->tail);
	int rc = csv_read_line(rd, &rec, &e);
	bool more = rc == 1 || rc == CS_DATAERR;

	if (rc == 0)
		return false;
	memset(s, 0, sizeof *s);
	s->line = rec.line;
	s->state = S_DONE;
	if (rc == CS_DATAERR) {   /* a line too long: that line is bad */
		s->out.kind = JL_BAD;
		snprintf(s->out.msg, sizeof s->out.msg, "%s", e.msg);
	} else if (rc != 1) {
		s->fatal = rc;
		snprintf(s->out.msg, sizeof s->out.msg, "%s", e.msg);
	} else if ((s->text = malloc(rec.lens[0] + 1)) == NULL) {
		s->out.kind = JL_OOM;
		more = false;
	} else {
		memcpy(s->text, rec.fields[0], rec.lens[0]);
		s->text[rec.lens[0]] = '\0';
		s->len = rec.lens[0];
		s->state = S_TEXT;
		g->bytes += s->len;
	}
	pthread_mutex_lock(&g->mu);
	g->tail++;
	if (g->worker_waits && s->state == S_TEXT)
		pthread_cond_signal(&g->work);
	pthread_mutex_unlock(&g->mu);
	return more;
}

/* Take the line at the head: parse it here if nobody has begun it,
 * wait for it if the other thread has. */
static void
take(struct ring *g, struct imp *im)
{
	struct slot *s = at(g, g->head);
	bool mine = false;

	pthread_mutex_lock(&g->mu);
	if (g->claim == g->head) {   /* nobody has begun it (or it came done) */
		g->claim++;
		if (s->state == S_TEXT) {
			s->state = S_BUSY;
			mine = true;
		}
	}
	while (!mine && s->state != S_DONE) {
		g->taker_waits = true;
		pthread_cond_wait(&g->done, &g->mu);
		g->taker_waits = false;
	}
	pthread_mutex_unlock(&g->mu);
	if (mine)
		parse(g, s);
	if (s->fatal != 0)
		im->fatal = cs_err_set(im->err, s->fatal, "%s", s->out.msg);
	else
		imp_jsonl_take(im, &s->out, s->line);
	g->bytes -= s->len;
	g->head++;
}

/* After a stop: what was read or parsed and not taken. */
static void
drop_rest(struct ring *g)
{
	struct slot *s;

	for (; g->head < g->tail; g->head++) {
		s = at(g, g->head);
		free(s->text);
		if (s->state == S_DONE && s->out.r != NULL) {
			codec_row_free(s->out.r);
			free(s->out.r);
		}
	}
}

bool
imp_jsonl_parallel(struct imp *im, struct csv_reader *rd)
{
	struct ring *g = calloc(1, sizeof *g);
	pthread_t t;
	bool more = true;

	if (g == NULL)
		return false;
	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->work, NULL);
	pthread_cond_init(&g->done, NULL);
	json_object_seed(0);   /* jansson's hash seed, set before a second thread parses */
	if (pthread_create(&t, NULL, worker, g) != 0) {
		pthread_cond_destroy(&g->done);
		pthread_cond_destroy(&g->work);
		pthread_mutex_destroy(&g->mu);
		free(g);
		return false;
	}
	while (!im->fatal) {
		while (more && g->tail - g->head < RING && (g->bytes < HOLD || g->head == g->tail))
			more = fill(g, rd);
		if (g->head == g->tail)
			break;
		take(g, im);
	}
	pthread_mutex_lock(&g->mu);
	g->stop = true;
	pthread_cond_signal(&g->work);
	pthread_mutex_unlock(&g->mu);
	pthread_join(t, NULL);
	drop_rest(g);
	pthread_cond_destroy(&g->done);
	pthread_cond_destroy(&g->work);
	pthread_mutex_destroy(&g->mu);
	free(g);
	return true;
}
