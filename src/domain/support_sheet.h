/*
 * support_sheet — the support-structure sheet (支援体制確認シート; DESIGN §2 "Housing referral"): what a
 * real-estate agent and the landlord see instead of the case. It answers the landlord's fears —
 * rent arrears, trouble with neighbours, a death nobody notices — by showing who supports the
 * tenant and who picks up the phone.
 *
 * The allow-list is struct support_sheet itself: its fields are everything an agent may ever see
 * of a person, and support_sheet_get() is the one query that fills it. The tenant's name and age
 * band (a decade, never the birth date) and the lead office come from the case; the rest is what
 * the counsellor wrote on the sheet for this purpose. The clinic is filled only when the person
 * agreed to show it. The HTML page and the PDF (report/support_sheet_pdf.c) render this struct
 * and nothing else.
 */
#ifndef TSUNAGU_SUPPORT_SHEET_H
#define TSUNAGU_SUPPORT_SHEET_H

#include "codes.h"

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct db;

enum { SHEET_TEXT_MAX = 200, SHEET_PLAN_MAX = 2000 };

extern const struct code sheet_rent_payments[];     /* guarantee_company direct_payment self other */
extern const struct code sheet_money_managements[]; /* self family daily_life_support guardian other */

/* What the counsellor writes (support_sheet_save) and, with the fields below, what agents see. */
struct support_sheet_input {
	char *contact_24h_name;  /* who picks up the phone at any hour (organisation or person) */
	char *contact_24h_phone;
	char *counselor_name;
	char *counselor_phone;
	char *clinic_name;       /* NULL or "" when none */
	bool clinic_consented;   /* the person agreed that the agent sees the clinic */
	char *visiting_nurse;    /* may be NULL */
	char *day_activity;      /* may be NULL */
	char *visit_frequency;   /* may be NULL */
	char *safety_check;      /* may be NULL */
	char *rent_payment;      /* sheet_rent_payments */
	char *guarantee_company; /* may be NULL */
	char *money_management;  /* sheet_money_managements */
	char *emergency_plan;
	char *moving_out_plan;
};

struct support_sheet {
	int64_t request_id;
	char *tenant_name;   /* family and given name */
	int age_decade;      /* 20 for someone in their twenties; from the birth date on issued_on */
	char *office_name;   /* the consultation office leading the case */
	struct support_sheet_input in; /* clinic_name NULL unless clinic_consented */
	char *updated_on;    /* when the counsellor last saved it, YYYY-MM-DD in Japan */
	char *issued_on;     /* the day it is shown (today in Japan) */
};

/* The sheet of request_id as of today. ERR_NOTFOUND when the request has no sheet yet. Does not
 * decide who may see it: housing_agent_may_see() and the pages do. */
int support_sheet_get(struct db *db, struct arena *a, int64_t request_id, const char *today,
		      struct support_sheet *out);

/* The counsellor's input of request_id for the form; ERR_NOTFOUND when none is saved yet. */
int support_sheet_input_get(struct db *db, struct arena *a, int64_t request_id, struct support_sheet_input *out);

/* Validates in (required: the 24-hour contact and phone, the counsellor and phone, rent payment,
 * money management, the two plans; texts up to SHEET_TEXT_MAX bytes, plans up to SHEET_PLAN_MAX)
 * and stores it as the sheet of request_id, replacing an earlier one. */
int support_sheet_save(struct db *db, struct arena *a, int64_t request_id, struct support_sheet_input *in,
		       int64_t user_id, const char **field, const char **msg);

#endif
