// The interactive part of hd open: the questions in the order an operator works, and the
// summary screen where any answer can be changed before saving. Safe on a live call: Esc (or
// the back choice) returns to the previous question; nothing is recorded that the operator did
// not choose — choices start on a neutral answer, impact and urgency have none; discarding a
// filled-in intake asks first.
import type { Context } from '../../context.ts';
import { normalizeEmail, normalizePhone } from '../../domain/contact.ts';
import { choiceLabel, hintText, type Question, questionText } from '../../domain/intake.ts';
import { checkText, LIMITS } from '../../domain/limits.ts';
import {
  clientName,
  contactName,
  contractNo,
  cpeModel,
  type Field,
  possibleChannels,
  serviceId,
  serviceKind,
  siteAddress,
} from '../../domain/new-client.ts';
import {
  type Contact,
  IMPACTS,
  LANGUAGES,
  PRIORITIES,
  type PreferredChannel,
  type PriorityMatrix,
  URGENCIES,
} from '../../domain/types.ts';
import { CancelledError, RefusedError } from '../../errors.ts';
import { language } from '../../i18n.ts';
import { type ClientMatch, contactsOf, findClients, listClients } from '../../store/clients.ts';
import { servicesForIntake } from '../../store/outages.ts';
import type { Queryable } from '../../store/port.ts';
import { currentProfile, defaultMatrix, listProfiles } from '../../store/reference.ts';
import { profileTitle } from '../../ui/profile-title.ts';
import { GoBack, type PromptChoice, type Prompter } from '../../ui/prompter.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { tell } from '../notice.ts';
import type { Draft } from '../open.ts';
import { callerPhone, clientOf, matchedContact, priorityOf, reviewText, showOpenTickets } from './screens.ts';
import { openText } from './text.ts';
import { type Ask, fits, holds, type Nav, NONE, validateOptional, walk } from './walk.ts';

type Section = 'client' | 'contact' | 'service' | 'answers' | 'priority' | 'summary';

/**
 * Said as soon as the service is known (issue 14, point 3): its active outage, and for an open
 * ticket of it the offer to log the call there; 'logged' ends the intake (nothing is opened).
 */
export type ServiceKnown = () => Promise<'open' | 'logged'>;

/** The call was logged on the service's open ticket at the service step: the intake ends there. */
export class CallLogged extends Error {}

export async function interview(
  ctx: Context,
  store: Queryable,
  p: Prompter,
  d: Draft,
  questions: Question[],
  serviceKnown: ServiceKnown = async () => 'open',
): Promise<void> {
  const T = openText();
  const lang = language();
  const nav: Nav = { canBack: false };
  const back = () => (nav.canBack ? { back: { label: T.back } } : {});
  // Fields of a new contact and a new client while they are being asked.
  const caller: { pick?: Contact | 'new'; name?: string; phone?: string; email?: string } = {};
  const entering: {
    name?: string;
    contractNo?: string;
    profile?: string;
    language?: 'ru' | 'en';
    serviceId?: string;
    kind?: string;
    address?: string;
    cpe?: string;
  } = {};
  let keepMatrix = d.priority === undefined;

  /** A choice that starts on a neutral answer; a required one refuses it and asks again. */
  async function choose<V>(o: {
    message: string;
    choices: PromptChoice<V>[];
    current: V | undefined;
    required: boolean;
    neutral?: string;
  }): Promise<V | undefined> {
    for (;;) {
      const picked = await p.select<V | typeof NONE>({
        message: o.message,
        choices: [{ value: NONE, name: o.neutral ?? (o.required ? T.notChosen : T.notAsked) }, ...o.choices],
        default: o.current === undefined ? NONE : o.current,
        loop: false,
        ...back(),
      });
      if (picked !== NONE) return picked as V;
      if (!o.required) return undefined;
      tell(ctx, T.needsAnswer(o.message.replace(/:$/, '')));
    }
  }

  const matrixOf = async (profile: string): Promise<PriorityMatrix> =>
    (await currentProfile(store, profile)).matrix ?? (await defaultMatrix(store));

  // ---- the client -------------------------------------------------------------------------
  const isNew = () => d.client === undefined && d.newClient !== undefined;
  const newClientAsk =
    (ask: () => Promise<void>): Ask =>
    async () => {
      if (!isNew()) return false;
      await ask();
      return true;
    };
  const fieldOf = (what: string): Field => ({ what });
  const newClientText = (
    key: keyof typeof entering,
    message: string,
    check: (v: string) => unknown,
    optional = false,
  ) =>
    newClientAsk(async () => {
      const value = await p.input({
        message,
        default: entering[key],
        validate: (v) => (optional && !v.trim() ? true : holds(() => check(v))),
        ...back(),
      });
      (entering as Record<string, string>)[key] = value.trim();
    });

  /** What was last typed into the client search, to know the caller's phone by. */
  let searched: { text: string; phone: string | null } | undefined;
  const clientSteps: Ask[] = [
    async () => {
      // Going back, the search starts on what it was answered by: the term typed, and the client
      // chosen first in the list (so Enter keeps it). A fresh question starts on no client.
      const chosenId = d.client?.id;
      const initialValue = chosenId !== undefined || isNew() ? searched?.text : undefined;
      let picked: ClientMatch | 'new' | typeof NONE;
      for (;;) {
        picked = await p.search<ClientMatch | 'new' | typeof NONE>({
          message: T.client,
          keepCode: true, // "name · contract": a long name is shortened, the contract kept whole
          ...(initialValue ? { initialValue } : {}),
          source: async (term, opts) => {
            const text = term?.trim() ?? '';
            let phone: string | null = null;
            try {
              phone = text ? await normalizePhone(text) : null;
            } catch {}
            const found: ClientMatch[] = text
              ? await findClients(store, text, phone)
              : (await listClients(store)).slice(0, 30).map((client) => ({ client, via: 'name' }));
            // A lookup for a term since superseded (typing goes on; "+375 17 218-55-4" before the
            // last digit) may answer after the newer one: only the current term is remembered.
            if (opts?.signal?.aborted) return [];
            searched = text ? { text, phone } : undefined;
            const chosen = found.filter((m) => m.client.id === chosenId);
            const matches = [...chosen, ...found.filter((m) => m.client.id !== chosenId)];
            // Nothing typed and no client chosen yet: Enter must not take the first in the list.
            const neutral =
              !text && chosen.length === 0
                ? [{ value: NONE as typeof NONE, name: T.clientNotChosen, description: T.clientRequired }]
                : [];
            return [
              ...neutral,
              ...matches.map((m) => ({
                value: m as ClientMatch | 'new' | typeof NONE,
                name: T.clientChoice(sanitizeLine(m.client.name), sanitizeLine(m.client.contractNo)),
                description: T.clientDescription(m.client.profile, m.via),
              })),
              { value: 'new' as const, name: T.newClient, description: T.newClientDescription },
            ];
          },
          ...back(),
        });
        if (picked !== NONE) break;
        tell(ctx, T.clientRequired);
      }
      if (picked === 'new') {
        d.client = undefined;
        d.service = undefined;
        d.contact = undefined;
        d.newClient ??= {
          client: { name: '', contractNo: '', profile: '', language: 'ru', timezone: '' },
          service: { serviceId: '', kind: '', address: '', cpeModel: null },
        };
        // What was searched for is the likely answer: the caller's number, or the organisation.
        if (searched?.phone) d.callerPhone = callerPhone(searched);
        else if (searched && !entering.name) entering.name = searched.text;
        return true;
      }
      if (d.client?.id !== picked.client.id) {
        d.contact = undefined;
        d.service = undefined;
      }
      d.client = picked.client;
      d.newClient = undefined;
      d.callerPhone = picked.via === 'phone' && searched ? callerPhone(searched) : d.callerPhone;
      await showOpenTickets(ctx, store, picked.client);
      return true;
    },
    newClientText('name', T.clientName, (v) => clientName(v, fieldOf(T.fields.clientName))),
    newClientText('contractNo', T.contractNo, (v) => contractNo(v, fieldOf(T.fields.contractNo))),
    newClientAsk(async () => {
      // Refused here rather than at the end of the call: the operator finds the client instead.
      const taken = (await findClients(store, entering.contractNo!, null)).find((m) => m.via === 'contract');
      if (taken) {
        tell(ctx, T.contractTaken(taken.client.contractNo));
        throw new GoBack();
      }
      const profiles = await listProfiles(store);
      entering.profile = await choose({
        message: T.profile,
        choices: profiles.map((pr) => ({ value: pr.name, name: pr.name, description: profileTitle(pr) })),
        current: entering.profile,
        required: true,
      });
    }),
    newClientAsk(async () => {
      entering.language = await choose({
        message: T.language,
        choices: LANGUAGES.map((l) => ({ value: l, name: T.languages[l] })),
        current: entering.language,
        required: true,
      });
    }),
    newClientText('serviceId', T.serviceId, (v) => serviceId(v, fieldOf(T.fields.serviceId))),
    newClientAsk(async () => {
      const taken = (await findClients(store, entering.serviceId!, null)).some((m) => m.via === 'service');
      if (taken) {
        tell(ctx, T.serviceTaken(entering.serviceId!));
        throw new GoBack();
      }
      const value = await p.input({
        message: T.serviceKind,
        default: entering.kind,
        validate: (v) => holds(() => serviceKind(v, fieldOf(T.fields.serviceKind))),
        ...back(),
      });
      entering.kind = value.trim();
    }),
    newClientText('address', T.address, (v) => siteAddress(v, fieldOf(T.fields.address))),
    newClientText('cpe', T.cpe, (v) => cpeModel(v, fieldOf(T.fields.cpe)), true),
    async () => {
      if (!isNew()) return false;
      const profile = await currentProfile(store, entering.profile!);
      d.newClient = {
        client: {
          name: entering.name!,
          contractNo: entering.contractNo!,
          profile: profile.name,
          language: entering.language!,
          timezone: profile.coverage.timezone,
        },
        service: {
          serviceId: entering.serviceId!,
          kind: entering.kind!,
          address: entering.address!,
          cpeModel: cpeModel(entering.cpe, fieldOf(T.fields.cpe)),
        },
      };
      return false;
    },
  ];
  // ---- the caller -------------------------------------------------------------------------
  const asNew = () => caller.pick === 'new';
  const contactSteps: Ask[] = [
    async () => {
      if (isNew()) {
        caller.pick = 'new';
        return false;
      }
      const contacts = await contactsOf(store, d.client!.id);
      const current =
        (d.contact && contacts.find((k) => k.id === d.contact!.id)) ??
        (d.newContact ? 'new' : undefined) ??
        matchedContact(contacts, d.callerPhone);
      const picked = await choose<Contact | 'new'>({
        message: T.caller,
        neutral: T.chooseCaller,
        choices: [
          ...contacts.map((k) => ({
            value: k as Contact | 'new',
            name: `${sanitizeLine(k.name)}${k.phone ? ` · ${k.phone}` : ''}${k.email ? ` · ${k.email}` : ''}`,
          })),
          { value: 'new' as const, name: T.newCaller },
        ],
        current,
        required: true,
      });
      caller.pick = picked;
      if (picked !== 'new') {
        d.contact = picked as Contact;
        d.newContact = undefined;
      }
      return true;
    },
    async () => {
      if (!asNew()) return false;
      caller.name = (
        await p.input({
          message: T.callerName,
          default: caller.name ?? d.newContact?.name,
          validate: (v) => holds(() => contactName(v, fieldOf(T.fields.contactName))),
          ...back(),
        })
      ).trim();
      return true;
    },
    async () => {
      if (!asNew()) return false;
      caller.phone = await p.input({
        message: T.phone,
        // The number the client was found by is most likely the caller's own.
        default: caller.phone ?? d.newContact?.phone ?? d.callerPhone?.phone ?? undefined,
        validate: (v) => validateOptional(v, normalizePhone),
        ...back(),
      });
      return true;
    },
    async () => {
      if (!asNew()) return false;
      caller.email = await p.input({
        message: T.email,
        default: caller.email ?? d.newContact?.email ?? undefined,
        validate: (v) =>
          !v.trim() && !caller.phone?.trim() ? T.phoneOrEmail : validateOptional(v, normalizeEmail),
        ...back(),
      });
      return true;
    },
    async () => {
      if (!asNew()) return false;
      const phone = caller.phone?.trim() ? await normalizePhone(caller.phone) : null;
      const email = caller.email?.trim() ? normalizeEmail(caller.email) : null;
      const possible = possibleChannels(phone, email);
      let preferredChannel: PreferredChannel = possible[0]!;
      let asked = false;
      if (possible.length > 1) {
        preferredChannel = (await choose({
          message: T.prefer,
          choices: possible.map((ch) => ({ value: ch, name: T.channels[ch] })),
          current:
            d.newContact && possible.includes(d.newContact.preferredChannel)
              ? d.newContact.preferredChannel
              : undefined,
          required: true,
        }))!;
        asked = true;
      }
      d.contact = undefined;
      d.newContact = { name: caller.name!, phone, email, preferredChannel };
      return asked;
    },
  ];

  // ---- the service ------------------------------------------------------------------------
  const serviceSteps: Ask[] = [
    async () => {
      if (isNew()) {
        d.service = undefined;
        return false;
      }
      const services = await servicesForIntake(store, d.client!.id);
      if (services.length === 0) throw new RefusedError(T.noServices(d.client!.name, d.client!.contractNo));
      if (services.length === 1) {
        d.service = services[0];
        tell(ctx, T.onlyService(d.service!.serviceId));
        if ((await serviceKnown()) === 'logged') throw new CallLogged();
        return false;
      }
      d.service = await choose({
        message: T.service,
        choices: services.map((s) => ({
          value: s,
          name: `${sanitizeLine(s.serviceId)} · ${sanitizeLine(s.kind)}`,
          description: `${sanitizeLine(s.address)}${s.cpeModel ? ` · CPE ${sanitizeLine(s.cpeModel)}` : ''}`,
        })),
        current: services.find((s) => s.id === d.service?.id),
        required: true,
      });
      if ((await serviceKnown()) === 'logged') throw new CallLogged();
      return true;
    },
  ];

  // ---- the questionnaire ------------------------------------------------------------------
  const answerStep =
    (q: Question): Ask =>
    async () => {
      let value: string | undefined;
      if (q.type === 'select') {
        value = await choose({
          message: questionText(q, lang),
          choices: (q.choices ?? []).map((c) => ({ value: c.value, name: choiceLabel(c, lang) })),
          current: d.answers[q.key],
          required: q.required,
        });
      } else {
        value = await p.input({
          message: `${questionText(q, lang)}${hintText(q, lang) ? ` (${hintText(q, lang)})` : ''}${q.required ? '' : T.skip}`,
          default: d.answers[q.key],
          validate: (v) => (q.required && !v.trim() ? T.required : fits(v, T.fields.answer, LIMITS.answer)),
          ...back(),
        });
      }
      if (value?.trim()) d.answers[q.key] = value.trim();
      else delete d.answers[q.key];
      return true;
    };
  const answerSteps = (onlyMissing: boolean) =>
    questions.filter((q) => !onlyMissing || d.answers[q.key] === undefined).map(answerStep);

  // ---- priority ---------------------------------------------------------------------------
  const priorityFromMatrix = async () => (await matrixOf(clientOf(d).profile))[d.impact!][d.urgency!];
  const prioritySteps: Ask[] = [
    async () => {
      d.impact = await choose({
        message: T.impact,
        choices: IMPACTS.map((i) => ({ value: i, name: T.impacts[i] })),
        current: d.impact,
        required: true,
      });
      return true;
    },
    async () => {
      d.urgency = await choose({
        message: T.urgency,
        choices: URGENCIES.map((u) => ({ value: u, name: T.urgencies[u] })),
        current: d.urgency,
        required: true,
      });
      return true;
    },
    async () => {
      keepMatrix = await p.confirm({
        message: T.keepPriority(await priorityFromMatrix()),
        default: keepMatrix,
        ...back(),
      });
      if (keepMatrix) {
        d.priority = undefined;
        d.priorityReason = undefined;
      }
      return true;
    },
    async () => {
      if (keepMatrix) return false;
      const fromMatrix = await priorityFromMatrix();
      d.priority = await choose({
        message: T.priority,
        choices: PRIORITIES.filter((pr) => pr !== fromMatrix).map((pr) => ({ value: pr, name: pr })),
        current: d.priority === fromMatrix ? undefined : d.priority,
        required: true,
      });
      return true;
    },
    async () => {
      if (keepMatrix) return false;
      d.priorityReason = (
        await p.input({
          message: T.priorityReason,
          default: d.priorityReason,
          validate: (v) => (v.trim() ? fits(v, T.fields.reason, LIMITS.note) : T.reasonRequired),
          ...back(),
        })
      ).trim();
      return true;
    },
  ];

  // ---- summary ----------------------------------------------------------------------------
  const summarySteps: Ask[] = [
    async () => {
      d.summary = (
        await p.input({
          message: T.summary,
          default: d.summary,
          validate: (v) => (!v.trim() ? T.summaryRequired : fits(v.trim(), T.fields.summary, LIMITS.summary)),
          ...back(),
        })
      ).trim();
      return true;
    },
    async () => {
      const description = await p.input({
        message: T.description,
        default: d.description,
        validate: (v) => fits(v, T.fields.description, LIMITS.description),
        ...back(),
      });
      d.description =
        description.trim() === ':e'
          ? checkText(
              (await p.editor({ message: T.descriptionEditor, default: d.description ?? '' })).trim(),
              T.fields.description,
              LIMITS.description,
            )
          : description.trim();
      return true;
    },
  ];

  const sections: Record<Section, () => Ask[]> = {
    client: () => [...clientSteps, ...contactSteps, ...serviceSteps],
    contact: () => contactSteps,
    service: () => serviceSteps,
    answers: () => answerSteps(false),
    priority: () => prioritySteps,
    summary: () => summarySteps,
  };

  // ---- the summary screen -----------------------------------------------------------------
  const reviewStep: Ask = async () => {
    for (;;) {
      ctx.io.stderr.write(reviewText(ctx, d, questions, await priorityOf(d, matrixOf)));
      const choice = await p.select<Section | 'save' | 'cancel'>({
        message: T.save,
        choices: [
          { value: 'save', name: T.actions.save },
          ...(isNew() ? (['client'] as const) : (['client', 'contact', 'service'] as const)).map((s) => ({
            value: s,
            name: T.actions[s],
          })),
          { value: 'answers', name: T.actions.answers },
          { value: 'priority', name: T.actions.priority },
          { value: 'summary', name: T.actions.summary },
          { value: 'cancel', name: T.actions.cancel },
        ],
        // ↑ on "Save" must not wrap round to "Discard".
        loop: false,
        ...back(),
      });
      if (choice === 'save') return true;
      if (choice === 'cancel') {
        if (await p.confirm({ message: T.discard, default: false })) throw new CancelledError();
        continue;
      }
      const before = { draft: structuredClone(d), keepMatrix };
      try {
        await walk(sections[choice](), nav, true);
      } catch (error) {
        if (!(error instanceof GoBack)) throw error;
        // Backed out of the change: the intake is as it was, fields the change added included.
        for (const key of Object.keys(d)) delete (d as unknown as Record<string, unknown>)[key];
        Object.assign(d, before.draft);
        keepMatrix = before.keepMatrix;
      }
    }
  };

  const steps: Ask[] = [];
  if (!d.client) steps.push(...clientSteps);
  if (!d.contact && !d.newContact) steps.push(...contactSteps);
  if (!d.service) steps.push(...serviceSteps);
  // A client given by flags: its open tickets before the first question (else once picked).
  if (d.client) await showOpenTickets(ctx, store, d.client);
  steps.push(...answerSteps(true));
  if (!d.impact || !d.urgency) steps.push(...prioritySteps);
  if (!d.summary) steps.push(...summarySteps);
  steps.push(reviewStep);
  await walk(steps, nav, false);
}
