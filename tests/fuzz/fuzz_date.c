/* fuzz_date — date_parse takes dates typed by people and read from CSV. What it accepts must be a
 * real calendar day that formats back to exactly the input, and survive day arithmetic. */
#include "date.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char s[32];
	if (size >= sizeof s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	struct date d;
	if (!date_parse(s, &d))
		return 0;
	char back[11];
	date_format_iso(d, back);
	if (strcmp(back, s) != 0)
		abort();
	if (date_cmp(date_from_days(date_to_days(d)), d) != 0)
		abort();
	struct date m = date_add_months(d, 1);
	if (m.day > date_days_in_month(m.year, m.month))
		abort();
	return 0;
}
