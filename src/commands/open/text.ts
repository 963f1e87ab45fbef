// Every word the hd open questionnaire says to the operator, in the interface language (the open
// catalog, data/i18n/<lang>/open.json). Built when the questionnaire starts, after the language
// is set: a module-level constant would be read before it is.
import type { Impact, PreferredChannel, Urgency } from '../../domain/types.ts';
import { type MessageKey, t } from '../../i18n.ts';

/** How a client was found besides its name (store/clients.ts findClients). */
const VIAS = ['contract', 'service', 'phone'];

export function openText() {
  return {
    /** The neutral first answer of an optional choice: recorded as nothing. */
    notAsked: t('open.q.notAsked'),
    /** The neutral first answer of a required choice: refused, the question asked again. */
    notChosen: t('open.q.notChosen'),
    back: t('open.q.back'),
    needsAnswer: (question: string) => t('open.q.needsAnswer', { question }),

    client: t('open.q.client'),
    /** The client question's neutral first line before anything is typed: no client yet. */
    clientNotChosen: t('open.q.clientNotChosen'),
    clientRequired: t('open.q.clientRequired'),
    clientChoice: (name: string, contractNo: string) => `${name} · ${contractNo}`,
    clientDescription: (profile: string, via: string) =>
      VIAS.includes(via)
        ? t('open.q.clientMatched', { profile, via: t(`open.q.via.${via}` as MessageKey) })
        : t('open.q.clientProfile', { profile }),
    newClient: t('open.q.newClient'),
    newClientDescription: t('open.q.newClientDescription'),
    openTickets: (client: string) => t('open.q.openTickets', { client }),
    noOpenTickets: (client: string) => t('open.q.noOpenTickets', { client }),
    moreOpenTickets: (n: number) => t('open.q.moreOpenTickets', { n }),

    clientName: t('open.q.clientName'),
    contractNo: t('open.q.contractNo'),
    contractTaken: (existing: string) => t('open.q.contractTaken', { existing }),
    profile: t('open.q.profile'),
    language: t('open.q.language'),
    languages: { ru: t('open.q.lang.ru'), en: t('open.q.lang.en') } as Record<'ru' | 'en', string>,
    serviceId: t('open.q.serviceId'),
    serviceTaken: (id: string) => t('open.q.serviceTaken', { id }),
    serviceKind: t('open.q.serviceKind'),
    address: t('open.q.address'),
    cpe: t('open.q.cpe'),
    fields: {
      clientName: t('open.field.clientName'),
      contractNo: t('open.field.contractNo'),
      serviceId: t('open.field.serviceId'),
      serviceKind: t('open.field.serviceKind'),
      address: t('open.field.address'),
      cpe: t('open.field.cpe'),
      contactName: t('open.field.contactName'),
      answer: t('open.field.answer'),
      reason: t('open.field.reason'),
      summary: t('open.field.summary'),
      description: t('open.field.description'),
    },

    caller: t('open.q.caller'),
    chooseCaller: t('open.q.chooseCaller'),
    newCaller: t('open.q.newCaller'),
    callerName: t('open.q.callerName'),
    phone: t('open.q.phone'),
    email: t('open.q.email'),
    phoneOrEmail: t('open.q.phoneOrEmail'),
    prefer: t('open.q.prefer'),
    channels: {
      phone: t('open.q.channel.phone'),
      email: t('open.q.channel.email'),
      both: t('open.q.channel.both'),
    } as Record<PreferredChannel, string>,

    service: t('open.q.service'),
    onlyService: (id: string) => t('open.q.onlyService', { id }),
    noServices: (client: string, contractNo: string) => t('open.q.noServices', { client, contractNo }),

    required: t('open.q.required'),
    skip: t('open.q.skip'),

    impact: t('open.q.impact'),
    impacts: {
      down: t('open.q.impact.down'),
      degraded: t('open.q.impact.degraded'),
      intermittent: t('open.q.impact.intermittent'),
      none: t('open.q.impact.none'),
    } as Record<Impact, string>,
    urgency: t('open.q.urgency'),
    urgencies: {
      high: t('open.q.urgency.high'),
      medium: t('open.q.urgency.medium'),
      low: t('open.q.urgency.low'),
    } as Record<Urgency, string>,
    keepPriority: (p: string) => t('open.q.keepPriority', { p }),
    priority: t('open.q.priority'),
    priorityReason: t('open.q.priorityReason'),
    reasonRequired: t('open.q.reasonRequired'),
    summary: t('open.q.summary'),
    summaryRequired: t('open.q.summaryRequired'),
    description: t('open.q.description'),
    descriptionEditor: t('open.q.descriptionEditor'),

    review: t('open.review.title'),
    save: t('open.review.save'),
    actions: {
      save: t('open.review.action.save'),
      client: t('open.review.action.client'),
      contact: t('open.review.action.contact'),
      service: t('open.review.action.service'),
      answers: t('open.review.action.answers'),
      priority: t('open.review.action.priority'),
      summary: t('open.review.action.summary'),
      cancel: t('open.review.action.cancel'),
    },
    discard: t('open.review.discard'),
    labels: {
      client: t('open.review.client'),
      newClient: t('open.review.newClient'),
      caller: t('open.review.caller'),
      newCaller: t('open.review.newCaller'),
      service: t('open.review.service'),
      impactUrgency: t('open.review.impactUrgency'),
      override: (reason: string) => t('open.review.override', { reason }),
      summary: t('open.review.summary'),
      description: t('open.review.description'),
    },
    none: '—',
  } as const;
}

export type OpenText = ReturnType<typeof openText>;
