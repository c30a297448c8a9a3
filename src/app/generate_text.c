/* generate_text.c - the words of the sample data: summaries made of
 * parts (what happened, who, what was done, how it ended), added-value
 * actions, notes, names.  Customers' names never go into summaries:
 * they are protected fields. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "generate_int.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(r, a) ((a)[gen_below((r), N(a))])

/* ---- random numbers ------------------------------------------------- */

static uint64_t
splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

void
gen_seed(struct gen_rng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix(&seed);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
gen_next(struct gen_rng *r)
{
	uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

uint64_t
gen_below(struct gen_rng *r, uint64_t n)
{
	return gen_next(r) % n;  /* the bias is below 1e-15 for our sizes */
}

int64_t
gen_range(struct gen_rng *r, int64_t lo, int64_t hi)
{
	return hi <= lo ? lo : lo + (int64_t)gen_below(r, (uint64_t)(hi - lo) + 1);
}

double
gen_unit(struct gen_rng *r)
{
	return (double)(gen_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

bool
gen_chance(struct gen_rng *r, unsigned per_mille)
{
	return gen_below(r, 1000) < per_mille;
}

/* ---- what ids are like ---------------------------------------------- */

static bool
has(const char *id, const char *word)
{
	return strstr(id, word) != NULL;
}

enum gen_chan
gen_chan_of(const char *id)
{
	if (has(id, "scene") || has(id, "field") || has(id, "site"))
		return CH_SCENE;
	if (has(id, "voice"))
		return CH_VOICE;
	if (has(id, "mail") && !has(id, "voice"))
		return has(id, "e") && !has(id, "post") ? CH_EMAIL : CH_WRITTEN;
	if (has(id, "written") || has(id, "letter"))
		return CH_WRITTEN;
	if (has(id, "phone") || has(id, "call") || has(id, "tel"))
		return CH_PHONE;
	return CH_PERSON;
}

enum gen_kind
gen_kind_of(const char *id)
{
	if (has(id, "recipient") || has(id, "resident") || has(id, "customer") ||
	    has(id, "public"))
		return KI_RECIPIENT;
	if (has(id, "close") || has(id, "family") || has(id, "friend"))
		return KI_CLOSE;
	if (has(id, "internal") || has(id, "staff") || has(id, "colleague") ||
	    has(id, "employee") || has(id, "member"))
		return KI_INTERNAL;
	return KI_ENCOUNTERED;
}

enum gen_outc
gen_outc_of(const struct policy_outcome *o)
{
	if (has(o->id, "reach") || has(o->id, "no-contact"))
		return OC_NO_REACH;
	if (has(o->id, "refus"))
		return OC_REFUSED;
	if (has(o->id, "complain"))
		return OC_COMPLAINT;
	if (o->requires == REQUIRES_REFERRAL)
		return OC_REFERRED;
	if (o->requires == REQUIRES_APPEAL)
		return OC_DECLINED;
	return o->negative ? OC_COMPLAINT : OC_NORMAL;
}

/* ---- summaries ------------------------------------------------------ */

/* Incidents, each with what the crew did that fits it. */
static const char *const scene_events[][2] = {
	{ "Smoke alarm chirping in the middle of the night",
	  "checked every detector and replaced two batteries" },
	{ "Kitchen fire with smoke in the hallway",
	  "ventilated the apartment and let the family back in" },
	{ "Smoke coming from a dryer vent", "cleaned out the vent and explained the hazard" },
	{ "Smoke smell in an office building", "found a burnt-out fan motor and shut it off" },
	{ "Smoke detector activation, burnt toast", "reset the alarm and checked the kitchen" },
	{ "Lift assist after a fall", "helped him back into bed and checked for injuries" },
	{ "Chest pain call", "treated and transported; explained where we were going and why" },
	{ "Fall in the bathroom", "treated and transported to the hospital she asked for" },
	{ "Car crash at the intersection", "moved the cars out of the travel lane" },
	{ "Diabetic emergency", "gave glucose and stayed until he was alert" },
	{ "Carbon monoxide alarm", "metered the house and found the water heater venting in" },
	{ "Water leak through the ceiling", "shut off the water and called the building manager" },
	{ "Gas smell in the kitchen", "shut off the gas and called the utility" },
	{ "Brush fire near the canal", "put the fire out and checked the backyards" },
	{ "Child locked in a car", "opened the car and checked the child" },
	{ "Elevator stuck between floors", "brought the elevator down and got everyone out" },
	{ "Allergic reaction at a restaurant", "treated and transported; called her husband" },
	{ "Downed power line across the road", "closed the road until the utility arrived" },
	{ "Trash fire behind a store", "put the fire out and talked to the manager" },
	{ "Person stuck in a recliner", "freed him and checked his skin" },
	{ "Breathing difficulty", "gave oxygen and transported" },
	{ "Dog bite at a park", "cleaned and dressed the wound; called animal control" },
	{ "Heat exhaustion at a ball game", "cooled him down in the shade and gave fluids" },
	{ "Seizure at a bus stop", "treated and transported; called his sister" },
};

static const char *const places[] = {
	"on Hibiscus Avenue", "at the Palm Court apartments", "near the high school",
	"on the expressway", "at a nursing home", "in a high-rise on Ocean Drive",
	"at a strip mall on Commercial Boulevard", "on Cypress Lane", "at the marina",
	"in a mobile home park", "at the community center", "on Sunrise Boulevard",
	"near the county library", "at a day care", "on Mangrove Court",
	"in the parking garage downtown", "at the flea market", "on Orchid Street",
	"behind the shopping plaza", "at a construction site on Main Street",
};

static const char *const who[4][7] = {
	[KI_RECIPIENT] = { "the patient", "an elderly resident", "a homeowner",
	    "a young mother", "a man in his seventies", "the tenant", "a shop owner" },
	[KI_CLOSE] = { "the patient's daughter", "a neighbor", "the wife", "the son",
	    "a family friend", "the grandmother", "the patient's roommate" },
	[KI_ENCOUNTERED] = { "a bystander", "a driver stuck in traffic", "a store manager",
	    "a police officer", "a crossing guard", "a tow truck driver", "a passer-by" },
	[KI_INTERNAL] = { "a dispatcher", "the crew of the second engine",
	    "a new firefighter", "the fleet mechanic", "a lieutenant from another station",
	    "the training office", "the station captain" },
};

/* What any crew may do on any call. */
static const char *const scene_actions[] = {
	"explained what the crew was doing and how long it would take",
	"stayed until the family arrived",
	"checked the home for hazards before leaving",
	"wrote down the hospital's address and phone number",
	"calmed the children and found them a place to wait",
	"answered questions about what happens next",
};

/* What people call, write or walk in about, and what answers it. */
static const char *const topics[][2] = {
	{ "a burn permit", "explained the permit rules and the fee" },
	{ "smoke detector installation", "booked a free smoke detector install" },
	{ "a smoke alarm that keeps chirping", "explained how to change the battery" },
	{ "the fire inspection of her shop", "gave the inspection date and the checklist" },
	{ "a copy of the incident report", "explained how to request the report" },
	{ "CPR classes", "gave the dates of the next CPR class" },
	{ "a car seat check", "booked a car seat check at the station" },
	{ "a pool safety visit", "scheduled a pool safety visit" },
	{ "the ambulance bill", "gave the billing office's number and explained the charges" },
	{ "hydrant flushing", "explained why the water was discolored and for how long" },
	{ "an open burning complaint", "sent a crew to check and explained the rules" },
	{ "a station tour for a scout troop", "booked the tour" },
	{ "the key box for a new building", "explained where to order the key box" },
	{ "a lift assist for her father", "explained the lift assist program" },
	{ "fireworks rules", "explained what is allowed and where" },
	{ "a blocked fire lane", "asked code enforcement to check the lane" },
	{ "generator safety after the storm", "explained where to run the generator" },
	{ "hurricane preparation", "sent the hurricane checklist" },
	{ "siren noise at night", "explained when and why sirens are used" },
	{ "a job application", "gave the recruiting office's address" },
	{ "a bag left in the ambulance", "found the bag and arranged the pickup" },
};

/* How each channel's summary begins, goes on and is answered. */
static const char *const openers[6][3] = {
	[CH_SCENE] = { "", "", "" },
	[CH_PHONE] = { "Caller, ", ", asked about ", "Answered on the call: " },
	[CH_VOICE] = { "Voice mail from ", " about ", "Called back the same day and " },
	[CH_WRITTEN] = { "Letter from ", " about ", "Answered in writing: " },
	[CH_EMAIL] = { "E-mail from ", " about ", "Replied by e-mail: " },
	[CH_PERSON] = { "Walk-in at the station: ", " asked about ", "" },
};

/* How a contact ended, when it did not end well or was passed on. */
static const char *const endings[][3] = {
	[OC_NORMAL] = { "", "", "" },
	[OC_NO_REACH] = { "Called back twice, no answer; left a message.",
	    "No answer at the number given; sent a letter.", "Line busy all afternoon." },
	[OC_REFUSED] = { "Refused care after we explained the risks; signed the refusal.",
	    "Did not want our help; left our number.", "Refused transport; family will drive." },
	[OC_COMPLAINT] = { "Complained about the wait for the ambulance.",
	    "Complained about the water damage from the hose line.",
	    "Complained about how the crew spoke to him." },
	[OC_REFERRED] = { "Not ours to handle: referred and called the agency.",
	    "Referred to the right office.", "Gave the number and called ahead for them." },
	[OC_DECLINED] = { "Request declined; explained why and how to appeal.",
	    "Could not grant the request; appeal route given.",
	    "Declined under the rules; appeal form handed over." },
};

static const char *const closers[] = {
	" Customer thanked the crew.", " Customer was satisfied.", " No further questions.",
	" Family was grateful.", " Customer asked for the officer's name.",
	" Asked whether needs were met before leaving.",
};

/* Append the strings (up to a NULL) to out[len] at *off, cut when full. */
static void
cat(char *out, size_t len, size_t *off, const char *s1, const char *s2, const char *s3,
    const char *s4)
{
	const char *parts[4] = { s1, s2, s3, s4 };
	size_t i, n;

	for (i = 0; i < 4 && parts[i] != NULL; i++) {
		n = strlen(parts[i]);
		if (*off + n >= len)
			n = len - 1 - *off;
		memcpy(out + *off, parts[i], n);
		*off += n;
	}
	out[*off] = '\0';
}

/* The answer to a topic: capitalised when it starts the sentence. */
static void
answer(char *out, size_t len, size_t *off, const char *lead, const char *text)
{
	size_t at;

	cat(out, len, off, " ", lead, NULL, NULL);
	at = *off;
	cat(out, len, off, text, ".", NULL, NULL);
	if (*lead == '\0' && at < *off)
		out[at] = (char)toupper((unsigned char)out[at]);
}

void
gen_summary(struct gen_rng *r, enum gen_chan ch, enum gen_kind k, enum gen_outc oc,
            char *out, size_t len)
{
	size_t off = 0, t = (size_t)gen_below(r, N(topics));
	char person[64];

	snprintf(person, sizeof person, "%s", PICK(r, who[k]));
	if (ch == CH_SCENE) {
		t = (size_t)gen_below(r, N(scene_events));
		cat(out, len, &off, scene_events[t][0], " ", PICK(r, places), ". ");
		person[0] = (char)toupper((unsigned char)person[0]);
		cat(out, len, &off, person, ":", NULL, NULL);
		answer(out, len, &off, "", gen_chance(r, 650) ? scene_events[t][1] :
		    PICK(r, scene_actions));
	} else {
		cat(out, len, &off, openers[ch][0], person, openers[ch][1], topics[t][0]);
		cat(out, len, &off, ".", NULL, NULL, NULL);
		if (oc == OC_NORMAL)
			answer(out, len, &off, openers[ch][2], topics[t][1]);
	}
	if (oc == OC_REFUSED && ch != CH_SCENE)
		cat(out, len, &off, " ", endings[oc][1], NULL, NULL);
	else if (oc != OC_NORMAL)
		cat(out, len, &off, " ", PICK(r, endings[oc]), NULL, NULL);
	else if (gen_chance(r, 600))
		cat(out, len, &off, PICK(r, closers), NULL, NULL, NULL);
	if (gen_below(r, 20000) == 0)
		cat(out, len, &off, " A ", GENERATE_WORD_RARE, " was blocking the driveway.", NULL);
}

/* ---- added value ------------------------------------------------------ */

static const char *const added_ok[] = {
	"Fed the cat and left the key with the neighbor",
	"Drove the grandmother to the hospital to be with her husband",
	"Covered the broken window with plastic sheeting",
	"Replaced the smoke alarm battery and tested every alarm",
	"Called a locksmith and waited until the door was fixed",
	"Bought milk and bread for the patient's wife",
	"Set up a ride home with a relative",
	"Moved the furniture back after the stretcher carry-down",
	"Walked the dog and filled its water bowl",
	"Charged her phone on the engine so she could call her family",
	"Put the family's valuables in a bag and gave it to the son",
	"Found a blanket and a warm place for the children",
	"Helped the driver change the flat tire",
	"Installed a free smoke alarm from the station's stock",
	"Wrote the pharmacy's hours on a card for the wife",
	"Cleaned up the glass so the kids could go back inside",
};

static const char *const added_fail[] = {
	"Promised the permit would be issued by Friday",
	"Offered to drive the patient's car home",
	"Went back inside for the photo albums",
	"Let the son ride along in the engine",
	"Told the owner the inspection fee would be waived",
	"Lent the family the station's generator",
	"Gave the caller the captain's personal number",
	"Agreed to skip the report so the insurance would not find out",
};

const char *
gen_added_value(struct gen_rng *r, bool empowered)
{
	return empowered ? PICK(r, added_ok) : PICK(r, added_fail);
}

/* ---- short lists ------------------------------------------------------ */

static const char *const referral[] = {
	"Red Cross disaster services", "county elderly and veterans services",
	"the building department", "animal services", "code enforcement",
	"the water utility", "the county health department",
	"a social worker at the hospital", "victim services", "the fire marshal's office",
};
static const char *const decision[] = {
	"Burn permit refused: wind advisory in effect",
	"Request to waive the inspection fee refused",
	"Report copy withheld until the investigation closes",
	"Request for a station tour on a holiday refused",
	"Fire lane parking exception refused",
};
static const char *const appeal[] = {
	"Told how to appeal to the fire marshal within 30 days; gave the form",
	"Gave the appeal address and the deadline in writing",
	"Explained the review board process and gave the phone number",
	"Appeal form e-mailed with the deadline",
};
static const char *const fu_note[] = {
	"Call back with an answer", "Check on the customer", "Send what was promised",
	"Confirm the referral was received", "Call the family in two days",
	"Ask whether needs were met",
};
static const char *const done_note[] = {
	"Called back; question answered", "Left a message and sent an e-mail",
	"Visited; all well", "Sent what was promised", "Referral confirmed with the agency",
	"Customer doing well; thanked the crew",
};
static const char *const pause[] = {
	"Waiting for the customer to send photos", "Customer out of town until next week",
	"Waiting on the building department",
	"Customer asked us to call after the insurance visit",
	"Waiting for the hospital to call back",
};
static const char *const sign_off[] = {
	"", "", "", "Good documentation.", "Well handled.", "Thorough summary.",
};
static const char *const debrief[] = {
	"Debriefed with the crew: talked through how to explain the wait.",
	"Reviewed the call; the complaint was about response time. Explained the dispatch delay.",
	"Debriefed; the crew will give the appeal information first next time.",
	"Talked with the member; no policy issue found.",
	"Debriefed at shift change; apology letter sent.",
};
static const char *const commend[] = {
	"Commended at the shift meeting for going the extra mile.",
	"Thank-you letter from the family; commendation in the file.",
	"Great added value: exactly what the policy asks.",
	"Customer called the chief to praise the crew.",
};
static const char *const wrong[] = {
	"I don't know", "Ask the captain first", "Only the patient",
	"Whatever the customer wants", "Call dispatch",
};

static const char *const *const lists[L_COUNT] = {
	referral, decision, appeal, fu_note, done_note, pause, sign_off, debrief,
	commend, wrong,
};
static const size_t list_len[L_COUNT] = {
	N(referral), N(decision), N(appeal), N(fu_note), N(done_note), N(pause),
	N(sign_off), N(debrief), N(commend), N(wrong),
};

const char *
gen_pick(struct gen_rng *r, enum gen_list which)
{
	return lists[which][gen_below(r, list_len[which])];
}

static const char *const amend_reasons[GEN_AMEND_REASONS] = {
	"needs met: the customer called back and said yes",
	"summary: added what was done",
	"wrong channel",
};

const char *
gen_amend_reason(size_t i)
{
	return amend_reasons[i % GEN_AMEND_REASONS];
}

/* ---- names ------------------------------------------------------------ */

static const char *const first[] = {
	"Ana", "Ben", "Carla", "Dev", "Elena", "Frank", "Grace", "Hector", "Ines", "Jamal",
	"Kim", "Luis", "Maya", "Nate", "Olga", "Pedro", "Quinn", "Rosa", "Sam", "Tanya",
	"Uri", "Vera", "Wes", "Ximena", "Yusuf", "Zoe", "Aaron", "Bianca", "Carlos", "Dana",
	"Eli", "Fatima", "Gabe", "Hana", "Ivan", "Jess", "Kofi", "Lena", "Marco", "Nia",
};
static const char *const last[] = {
	"Alvarez", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Haddad",
	"Ibrahim", "Johnson", "Kowalski", "Lopez", "Mendez", "Nguyen", "Okafor", "Patel",
	"Quintero", "Reyes", "Schmidt", "Thompson", "Umar", "Vargas", "Williams", "Xu",
	"Young", "Zimmerman", "Baptiste", "Castillo", "Dubois", "Estrada", "Fontaine",
	"Gonzalez", "Herrera", "Ito", "Jimenez", "Kim", "Larsen", "Moreau", "Novak", "Ortiz",
};
static const char *const streets[] = {
	"Hibiscus Avenue", "Cypress Lane", "Orchid Street", "Mangrove Court",
	"Sunrise Boulevard", "Palm Way", "Coral Ridge Drive", "Banyan Terrace",
	"Seagrape Circle", "Heron Road", "Pelican Place", "Magnolia Street",
};
static const char *const area[] = { "954", "305", "561", "602", "480", "507", "503" };

void
gen_member_name(size_t i, char *out, size_t len)
{
	snprintf(out, len, "%s %s", first[i % N(first)],
	    last[(i * 7 + i / N(first)) % N(last)]);
}

void
gen_customer(struct gen_rng *r, char *name, char *phone, char *address, char *email,
             size_t len)
{
	const char *f = PICK(r, first), *l = PICK(r, last);
	size_t i;

	snprintf(name, len, "%s %s", f, l);
	snprintf(phone, len, "(%s) 555-01%02d", PICK(r, area), (int)gen_below(r, 100));
	snprintf(address, len, "%d %s", (int)gen_range(r, 100, 9999), PICK(r, streets));
	snprintf(email, len, "%s.%s@example.com", f, l);
	for (i = 0; email[i] != '\0'; i++)
		email[i] = (char)tolower((unsigned char)email[i]);
}
