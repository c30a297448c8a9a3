/* pq_lazy.c - libpq, loaded the first time a server is used.
 *
 * Most runs of cslog open a SQLite file and never reach a server.  Linked
 * in, libpq brings twenty libraries with it (OpenSSL, GnuTLS, Kerberos,
 * LDAP, SASL...) into every process: more work at every start, and under
 * valgrind about 0.13 s of CPU per process, which make valgrind pays a few
 * thousand times.  So cslog is not linked with libpq: the libpq functions
 * the PostgreSQL store calls are defined here, with libpq-fe.h's own
 * prototypes, and each calls libpq's, found with dlopen and dlsym on the
 * first call of any of them.
 *
 * A libpq function the store starts to call must be added to PQ_FUNCS
 * below: until then the build fails to link, naming it.  A missing or
 * unusable libpq (the package libpq5) ends cslog with exit 69 and a
 * message saying so; this happens only when a server was asked for. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "pg_int.h"

/* X(return type, name, (parameters), (arguments)); V(...) for those that
 * return nothing. */
#define PQ_FUNCS(X, V) \
	V(void, PQclear, (PGresult *res), (res)) \
	X(char *, PQgetvalue, (const PGresult *res, int tup, int field), (res, tup, field)) \
	X(int, PQgetisnull, (const PGresult *res, int tup, int field), (res, tup, field)) \
	X(int, PQntuples, (const PGresult *res), (res)) \
	X(ExecStatusType, PQresultStatus, (const PGresult *res), (res)) \
	X(char *, PQresultErrorField, (const PGresult *res, int code), (res, code)) \
	X(ConnStatusType, PQstatus, (const PGconn *conn), (conn)) \
	X(PGTransactionStatusType, PQtransactionStatus, (const PGconn *conn), (conn)) \
	X(char *, PQerrorMessage, (const PGconn *conn), (conn)) \
	X(char *, PQhost, (const PGconn *conn), (conn)) \
	X(char *, PQport, (const PGconn *conn), (conn)) \
	X(const char *, PQparameterStatus, (const PGconn *conn, const char *param), \
	  (conn, param)) \
	X(PGconn *, PQconnectdbParams, (const char *const *keywords, \
	  const char *const *values, int expand), (keywords, values, expand)) \
	V(void, PQfinish, (PGconn *conn), (conn)) \
	V(void, PQreset, (PGconn *conn), (conn)) \
	X(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, \
	  void *arg), (conn, proc, arg)) \
	X(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query)) \
	X(PGresult *, PQexecParams, (PGconn *conn, const char *command, int n, \
	  const Oid *types, const char *const *values, const int *lengths, \
	  const int *formats, int result_format), \
	  (conn, command, n, types, values, lengths, formats, result_format)) \
	X(PGresult *, PQgetResult, (PGconn *conn), (conn)) \
	X(int, PQputCopyData, (PGconn *conn, const char *buffer, int n), (conn, buffer, n)) \
	X(int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg)) \
	X(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg), \
	  (conninfo, errmsg)) \
	V(void, PQconninfoFree, (PQconninfoOption *options), (options)) \
	V(void, PQfreemem, (void *ptr), (ptr))

/* The pointers to libpq's functions, filled once. */
static struct {
#define PQ_POINTER(ret, name, params, args) ret (*name) params;
	PQ_FUNCS(PQ_POINTER, PQ_POINTER)
#undef PQ_POINTER
} pq;

static pthread_once_t pq_once = PTHREAD_ONCE_INIT;
static const char *pq_missing;   /* what could not be found; NULL: all was */
static char pq_why[256];

static void
pq_load(void)
{
	/* libpq's soname first (the package libpq5), then any libpq. */
	void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);

	if (h == NULL)
		h = dlopen("libpq.so", RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		const char *e = dlerror();

		snprintf(pq_why, sizeof pq_why, "%s", e != NULL ? e : "libpq.so.5 not found");
		pq_missing = "libpq.so.5";
		return;
	}
	/* dlsym returns void *: a function pointer is stored through memcpy
	 * of the object's representation, as POSIX allows. */
#define PQ_LOOKUP(ret, name, params, args) \
	if (pq_missing == NULL) { \
		void *sym = dlsym(h, #name); \
		if (sym == NULL) { \
			pq_missing = #name; \
			snprintf(pq_why, sizeof pq_why, "libpq has no %s", #name); \
		} else { \
			*(void **)&pq.name = sym; \
		} \
	}
	PQ_FUNCS(PQ_LOOKUP, PQ_LOOKUP)
#undef PQ_LOOKUP
}

/* The first call of any libpq function loads them all; without them the
 * server cannot be reached, and cslog says so and stops (exit 69). */
static void
pq_need(void)
{
	pthread_once(&pq_once, pq_load);
	if (pq_missing != NULL) {
		fprintf(stderr, "cslog: the PostgreSQL client library could not be loaded (%s):"
		        " install the package libpq5 to reach a server\n", pq_why);
		exit(69);
	}
}

#define PQ_WRAPPER(ret, name, params, args) \
	ret name params \
	{ \
		pq_need(); \
		return pq.name args; \
	}
#define PQ_VOID_WRAPPER(ret, name, params, args) \
	ret name params \
	{ \
		pq_need(); \
		pq.name args; \
	}
PQ_FUNCS(PQ_WRAPPER, PQ_VOID_WRAPPER)
#undef PQ_WRAPPER
#undef PQ_VOID_WRAPPER
