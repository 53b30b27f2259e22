/*
 * static — the CSS, script and images compiled into the binary (municipal PCs reach no CDN).
 * Each asset has an ETag (a hash of its bytes, computed once at start-up); a request carrying
 * that ETag in If-None-Match gets 304 with no body.
 */
#ifndef TSUNAGU_STATIC_H
#define TSUNAGU_STATIC_H

struct request;

/* Computes the ETags. Call once before serving. */
void static_init(void);

/* The handler for GET /static/:name. */
int static_serve(struct request *req);

/* "/static/style.css?v=<etag prefix>" style path for a page to link, so that a new binary's
 * assets are fetched anew; the name itself when unknown. */
const char *static_url(const char *name);

#endif
