/* jsonw.c - a contact as one line of JSON, written straight into a
 * reusable buffer (export --format jsonl to a file).
 *
 * codec_contact_json() builds a jansson object per contact and
 * json_dumpf() then writes it a token at a time through a locked
 * fwrite: at 1M contacts that was most of an export.  This writer
 * produces the same bytes as json_dumps(codec_contact_json(c, ...),
 * JSON_COMPACT) - the same keys in the same order, the same escapes
 * (\" \\ \b \f \n \r \t, \u00XX in capitals for the other C0
 * characters, everything else raw) - and refuses what jansson refuses
 * (text that is not UTF-8).  tests/unit/app_jsonw.c checks it against
 * jansson byte for byte and parses every line back.  Terminals never
 * get this path: app_out_json() neutralises for them. */
#include "codec.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"

static bool
grow(struct app_buf *b, size_t more)
{
	size_t cap;
	char *p;

	if (b->failed)
		return false;
	if (b->len + more <= b->cap)
		return true;
	cap = b->cap ? b->cap : 1024;
	while (cap < b->len + more)
		cap *= 2;
	if ((p = realloc(b->p, cap)) == NULL) {
		b->failed = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

static void
put(struct app_buf *b, const char *s, size_t n)
{
	if (grow(b, n)) {
		memcpy(b->p + b->len, s, n);
		b->len += n;
	}
}

#define PUTS(b, lit) put((b), (lit), sizeof(lit) - 1)

/* The length of the UTF-8 sequence at s (at most n bytes), as jansson's
 * utf8_check_full() accepts it: 0 when invalid. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0], cp;
	size_t len, i;

	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (len > n)
		return 0;
	cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

static void
put_string(struct app_buf *b, const char *str)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)str, *run = s, *end;
	size_t n = strlen(str), k;
	char esc[6];

	end = s + n;
	if (!grow(b, n + 2))
		return;
	b->p[b->len++] = '"';
	while (*s != '\0') {
		if (*s >= 0x20 && *s != '"' && *s != '\\' && *s < 0x80) {
			s++;
			continue;
		}
		if (*s >= 0x80) {
			if ((k = utf8_len(s, (size_t)(end - s))) == 0) {
				b->failed = true;
				return;
			}
			s += k;
			continue;
		}
		put(b, (const char *)run, (size_t)(s - run));
		esc[0] = '\\';
		switch (*s) {
		case '"': esc[1] = '"'; k = 2; break;
		case '\\': esc[1] = '\\'; k = 2; break;
		case '\b': esc[1] = 'b'; k = 2; break;
		case '\f': esc[1] = 'f'; k = 2; break;
		case '\n': esc[1] = 'n'; k = 2; break;
		case '\r': esc[1] = 'r'; k = 2; break;
		case '\t': esc[1] = 't'; k = 2; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[*s >> 4];
			esc[5] = hex[*s & 0xF];
			k = 6;
		}
		put(b, esc, k);
		run = ++s;
	}
	put(b, (const char *)run, (size_t)(s - run));
	PUTS(b, "\"");
}

static void
put_int(struct app_buf *b, int64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%" PRId64, v);

	put(b, buf, (size_t)n);
}

/* Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static void
civil(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	*y = yoe + era * 400;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	if (*m <= 2)
		++*y;
}

/* As app_time_iso(): 2026-11-24T09:13:05Z, without gmtime and strftime
 * for the years 1970-9999 (the rest go through app_time_iso). */
static void
put_time(struct app_buf *b, int64_t t)
{
	char buf[32];
	int64_t y;
	unsigned m, d, s;

	if (t < 0 || t > INT64_C(253402300799)) {
		app_time_iso(t, buf, sizeof buf);
		put_string(b, buf);
		return;
	}
	civil(t / 86400, &y, &m, &d);
	s = (unsigned)(t % 86400);
	buf[0] = '"';
	buf[1] = (char)('0' + y / 1000);
	buf[2] = (char)('0' + y / 100 % 10);
	buf[3] = (char)('0' + y / 10 % 10);
	buf[4] = (char)('0' + y % 10);
	buf[5] = '-';
	buf[6] = (char)('0' + m / 10);
	buf[7] = (char)('0' + m % 10);
	buf[8] = '-';
	buf[9] = (char)('0' + d / 10);
	buf[10] = (char)('0' + d % 10);
	buf[11] = 'T';
	buf[12] = (char)('0' + s / 36000);
	buf[13] = (char)('0' + s / 3600 % 10);
	buf[14] = ':';
	buf[15] = (char)('0' + s % 3600 / 600);
	buf[16] = (char)('0' + s % 3600 / 60 % 10);
	buf[17] = ':';
	buf[18] = (char)('0' + s % 60 / 10);
	buf[19] = (char)('0' + s % 10);
	buf[20] = 'Z';
	buf[21] = '"';
	put(b, buf, 22);
}

static void
put_text(struct app_buf *b, const char *s)
{
	if (s == NULL || *s == '\0')
		PUTS(b, "null");
	else
		put_string(b, s);
}

static void
put_tri(struct app_buf *b, enum record_tri t)
{
	if (t == TRI_UNKNOWN)
		PUTS(b, "null");
	else if (t == TRI_YES)
		PUTS(b, "true");
	else
		PUTS(b, "false");
}

/* jansson keeps a key's first place when it is set again, with the
 * last value: the same here, should a question ever come twice. */
static void
put_answers(struct app_buf *b, const struct contact *c)
{
	size_t i, j, last;
	bool first = true, seen;

	if (c->n_answers == 0) {
		PUTS(b, "null");
		return;
	}
	PUTS(b, "{");
	for (i = 0; i < c->n_answers; i++) {
		for (seen = false, j = 0; j < i && !seen; j++)
			seen = strcmp(c->answers[j].question, c->answers[i].question) == 0;
		if (seen)
			continue;
		for (last = i, j = i + 1; j < c->n_answers; j++)
			if (strcmp(c->answers[j].question, c->answers[i].question) == 0)
				last = j;
		if (!first)
			PUTS(b, ",");
		first = false;
		put_string(b, c->answers[i].question);
		if (c->answers[last].answer == ANSWER_YES)
			PUTS(b, ":\"yes\"");
		else
			PUTS(b, ":\"no\"");
	}
	PUTS(b, "}");
}

static void
put_standards(struct app_buf *b, const struct contact *c)
{
	size_t k;

	PUTS(b, "[");
	for (k = 0; k < c->n_standards; k++) {
		if (k > 0)
			PUTS(b, ",");
		put_string(b, c->standards[k]);
	}
	PUTS(b, "]");
}

static void
put_value(struct app_buf *b, const struct contact *c, enum codec_field i)
{
	switch (i) {
	case F_ID: c->id ? put_int(b, c->id) : PUTS(b, "null"); break;
	case F_AT: c->at ? put_time(b, c->at) : PUTS(b, "null"); break;
	case F_LOGGED_AT: c->logged_at ? put_time(b, c->logged_at) : PUTS(b, "null"); break;
	case F_MEMBER: put_text(b, c->member_badge); break;
	case F_MEMBER_NAME: put_text(b, c->member_name); break;
	case F_POLICY: put_text(b, c->policy_id); break;
	case F_POLICY_VERSION: put_text(b, c->policy_version); break;
	case F_KIND: put_text(b, c->kind); break;
	case F_CHANNEL: put_text(b, c->channel); break;
	case F_OUTCOME: put_text(b, c->outcome); break;
	case F_SUMMARY: put_text(b, c->summary); break;
	case F_NEEDS_MET: put_tri(b, c->needs_met); break;
	case F_ADDED_VALUE: put_text(b, c->added_value); break;
	case F_EMPOWERED: put_tri(b, c->empowered); break;
	case F_ANSWERS: put_answers(b, c); break;
	case F_STANDARDS: put_standards(b, c); break;
	case F_REFERRAL_TO: put_text(b, c->referral_to); break;
	case F_REFEREE_CONTACTED: put_tri(b, c->referee_contacted); break;
	case F_DECISION: put_text(b, c->decision); break;
	case F_APPEAL_INFO: put_text(b, c->appeal_info); break;
	case F_CALL: put_text(b, c->call_ref); break;
	case F_AMENDS: c->amends ? put_int(b, c->amends) : PUTS(b, "null"); break;
	case F_AMEND_REASON: put_text(b, c->amend_reason); break;
	case F_SUPERSEDED_BY:
		c->superseded_by ? put_int(b, c->superseded_by) : PUTS(b, "null");
		break;
	case F_CUSTOMER_NAME: put_text(b, c->customer_name); break;
	case F_CUSTOMER_PHONE: put_text(b, c->customer_phone); break;
	case F_CUSTOMER_ADDRESS: put_text(b, c->customer_address); break;
	case F_CUSTOMER_EMAIL: put_text(b, c->customer_email); break;
	case F_COUNT: break;
	}
}

int
codec_contact_jsonl(struct app_buf *b, const struct contact *c, bool protected,
                    unsigned withheld)
{
	int i, n = protected ? F_COUNT : CODEC_FIRST_PROTECTED;
	bool first = true;

	b->len = 0;
	b->failed = false;
	PUTS(b, "{");
	for (i = 0; i < n; i++) {
		if (codec_withheld((enum codec_field)i, withheld))
			continue;
		if (!first)
			PUTS(b, ",");
		first = false;
		PUTS(b, "\"");
		put(b, codec_names[i], strlen(codec_names[i]));
		PUTS(b, "\":");
		put_value(b, c, (enum codec_field)i);
	}
	PUTS(b, "}\n");
	return b->failed ? -1 : 0;
}

void
app_buf_free(struct app_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
