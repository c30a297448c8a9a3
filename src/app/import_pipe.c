/* import_pipe.c - the writing pass of import on two threads.
 *
 * Under the write lock, reading the input again (decoding each record
 * and checking it against its policy) and writing it to the store take
 * about as long as each other.  So a second thread reads, decodes and
 * checks while this one writes: the records go from one to the other
 * through a short queue, in the order they were read, and the writer
 * finds each one's member and writes it exactly as one thread would.
 * Only the writer touches the store and the import's counts; the
 * reader works on a copy of the import's state (its own error, its own
 * count of records refused again) that is merged back when it ends.
 * The queue holds a few hundred records, so memory does not grow with
 * the input. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "import_int.h"

/* Enough to keep both threads busy; small enough to stay a few MiB.
 * Each side wakes the other only once a batch is ready (or room for
 * one made): woken for every record, the two threads spent a fifth of
 * the import switching. */
#define PIPE_CAP 512
#define PIPE_BATCH 64

struct pipe_slot {
	struct codec_row *r;
	long line;
};

struct imp_pipe {
	pthread_mutex_t mu;
	pthread_cond_t can_pop, can_push;
	struct pipe_slot ring[PIPE_CAP];
	size_t head, n;
	bool done;     /* the reader has read all it will */
	bool stop;     /* the writer will take no more */
};

/* Hand r to the writer; false when it takes no more (r still ours). */
bool
imp_pipe_push(struct imp_pipe *p, struct codec_row *r, long line)
{
	bool ok;

	pthread_mutex_lock(&p->mu);
	while (p->n == PIPE_CAP && !p->stop)
		pthread_cond_wait(&p->can_push, &p->mu);
	ok = !p->stop;
	if (ok) {
		p->ring[(p->head + p->n) % PIPE_CAP] = (struct pipe_slot){ r, line };
		p->n++;
		if (p->n == PIPE_BATCH)
			pthread_cond_signal(&p->can_pop);
	}
	pthread_mutex_unlock(&p->mu);
	return ok;
}

/* The next records, in order, into out (at most max); 0 once the
 * reader is done and the queue empty. */
static size_t
pipe_pop(struct imp_pipe *p, struct pipe_slot *out, size_t max)
{
	size_t k = 0;

	pthread_mutex_lock(&p->mu);
	while (p->n < PIPE_BATCH && !p->done)
		pthread_cond_wait(&p->can_pop, &p->mu);
	while (k < max && p->n > 0) {
		out[k++] = p->ring[p->head];
		p->head = (p->head + 1) % PIPE_CAP;
		p->n--;
	}
	if (p->n <= PIPE_CAP - PIPE_BATCH)
		pthread_cond_signal(&p->can_push);
	pthread_mutex_unlock(&p->mu);
	return k;
}

static void
pipe_flag(struct imp_pipe *p, bool *flag)
{
	pthread_mutex_lock(&p->mu);
	*flag = true;
	pthread_cond_broadcast(&p->can_pop);
	pthread_cond_broadcast(&p->can_push);
	pthread_mutex_unlock(&p->mu);
}

struct reader {
	struct imp im;        /* the reader's copy */
	struct cs_err err;    /* its own error */
	FILE *f;
};

static void *
reader_main(void *arg)
{
	struct reader *rd = arg;

	imp_read_all(&rd->im, rd->f);
	pipe_flag(rd->im.pipe, &rd->im.pipe->done);
	return NULL;
}

/* What the reader found: records refused again, a header that no longer
 * reads, an error of its own (unless it stopped because the writer did,
 * or the writer had already failed). */
static void
merge(struct imp *im, const struct reader *rd)
{
	im->rebad += rd->im.rebad;
	im->header_bad = im->header_bad || rd->im.header_bad;
	if (rd->im.fatal != 0 && rd->im.fatal != IMP_STOPPED && !im->fatal) {
		*im->err = rd->err;
		im->fatal = rd->im.fatal;
	}
}

void
imp_read_piped(struct imp *im, FILE *f)
{
	struct imp_pipe *p = calloc(1, sizeof *p);
	struct reader *rd = malloc(sizeof *rd);
	struct pipe_slot batch[PIPE_BATCH];
	size_t n, i;
	pthread_t t;
	bool started = false;

	if (p != NULL && rd != NULL) {
		pthread_mutex_init(&p->mu, NULL);
		pthread_cond_init(&p->can_pop, NULL);
		pthread_cond_init(&p->can_push, NULL);
		rd->im = *im;
		memset(&rd->err, 0, sizeof rd->err);
		rd->im.err = &rd->err;
		rd->im.pipe = p;
		rd->im.rebad = 0;
		rd->im.members = NULL;   /* the writer's alone */
		rd->im.m_cap = rd->im.m_used = 0;
		rd->im.wait = NULL;
		rd->im.n_wait = rd->im.wait_cap = 0;
		rd->f = f;
		started = pthread_create(&t, NULL, reader_main, rd) == 0;
	}
	if (!started) {   /* one thread, in turn */
		if (p != NULL) {
			pthread_cond_destroy(&p->can_push);
			pthread_cond_destroy(&p->can_pop);
			pthread_mutex_destroy(&p->mu);
		}
		free(p);
		free(rd);
		imp_read_all(im, f);
		return;
	}
	while ((n = pipe_pop(p, batch, PIPE_BATCH)) > 0) {
		for (i = 0; i < n; i++)
			imp_write(im, batch[i].r, batch[i].line);
		if (im->fatal && !p->stop)
			pipe_flag(p, &p->stop);
	}
	pthread_join(t, NULL);
	merge(im, rd);
	pthread_cond_destroy(&p->can_push);
	pthread_cond_destroy(&p->can_pop);
	pthread_mutex_destroy(&p->mu);
	free(p);
	free(rd);
}
