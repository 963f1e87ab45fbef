// Every word the hd open questionnaire says to the operator, in one place, so that the move to
// the ru/en message catalogs (issue 15, point 1) replaces this file and nothing else.
import type { Impact, PreferredChannel, Urgency } from '../domain/types.ts';

export const OPEN_TEXT = {
  /** The neutral first answer of an optional choice: recorded as nothing. */
  notAsked: '— not asked —',
  /** The neutral first answer of a required choice: refused, the question asked again. */
  notChosen: '— choose —',
  back: '← back (Esc)',
  needsAnswer: (question: string) => `"${question}" needs an answer: choose one, or Esc to go back.`,

  client: 'Client (name, contract, service ID or caller phone):',
  clientChoice: (name: string, contractNo: string) => `${name} · ${contractNo}`,
  clientDescription: (profile: string, via: string) =>
    `profile ${profile}${via !== 'name' ? `, matched by ${via}` : ''}`,
  newClient: 'New client: not on record yet',
  newClientDescription: 'enter the organisation, its contract, service and the caller',
  openTickets: (client: string) => `Open tickets of ${client}:`,
  noOpenTickets: (client: string) => `${client} has no open tickets.`,
  moreOpenTickets: (n: number) => `… and ${n} more (hd list --client …)`,

  clientName: 'Organisation name:',
  contractNo: 'Contract number:',
  contractTaken: (existing: string) =>
    `A client with contract number ${existing} already exists: Esc, and find it by its contract.`,
  profile: 'Priority Rules profile of the contract:',
  language: 'Language of messages to the client:',
  languages: { ru: 'Russian', en: 'English' } as Record<'ru' | 'en', string>,
  serviceId: 'Service / circuit ID:',
  serviceTaken: (id: string) => `Service ID ${id} is already registered to a client.`,
  serviceKind: 'Service kind (e.g. Internet 100M):',
  address: 'Site address:',
  cpe: 'CPE model at the site (Enter to skip):',
  fields: {
    clientName: 'The client name',
    contractNo: 'The contract number',
    serviceId: 'The service ID',
    serviceKind: 'The service kind',
    address: 'The site address',
    cpe: 'The CPE model',
    contactName: 'The name',
  },

  caller: 'Who is calling?',
  chooseCaller: '— choose the caller —',
  newCaller: 'Someone else: add a new contact',
  matchedPhone: 'the phone you searched for',
  callerName: 'Caller name:',
  phone: 'Phone (Enter to skip):',
  email: 'E-mail (Enter to skip):',
  phoneOrEmail: 'A contact needs a phone or an e-mail: give at least one.',
  prefer: 'How should we inform them?',
  channels: { phone: 'by phone', email: 'by e-mail', both: 'by phone and e-mail' } as Record<
    PreferredChannel,
    string
  >,

  service: 'Which service is affected?',
  onlyService: (id: string) => `Service: ${id} (the client's only service)`,
  noServices: (client: string, contractNo: string) =>
    `${client} has no services on record. Add one with hd client service ${contractNo} … first.`,

  required: 'This answer is required',
  skip: ' [Enter to skip]',

  impact: 'Impact on the service:',
  impacts: {
    down: 'down: no service',
    degraded: 'degraded: works, but badly',
    intermittent: 'intermittent: comes and goes',
    none: 'none: a question or a minor issue',
  } as Record<Impact, string>,
  urgency: 'Urgency for the client:',
  urgencies: {
    high: 'high: business stopped',
    medium: 'medium: business hampered',
    low: 'low: can wait',
  } as Record<Urgency, string>,
  keepPriority: (p: string) => `Priority ${p} from the matrix. Keep it?`,
  priority: 'Priority:',
  priorityReason: 'Why does it differ from the matrix?',
  reasonRequired: 'A reason is required',
  summary: 'One-line summary:',
  summaryRequired: 'A summary is required',
  description: 'Description (Enter to skip, ":e" for a multi-line editor):',
  descriptionEditor: 'Description',

  review: 'New ticket',
  save: 'Save this ticket?',
  actions: {
    save: 'Save and give the client the number',
    client: 'Change the client',
    contact: 'Change the caller',
    service: 'Change the service',
    answers: 'Change the intake answers',
    priority: 'Change impact / urgency / priority',
    summary: 'Change summary / description',
    cancel: 'Discard: save nothing',
  },
  discard: 'Discard this intake? Nothing will be saved.',
  labels: {
    client: 'Client',
    newClient: '(new client)',
    caller: 'Caller',
    newCaller: '(new)',
    service: 'Service',
    impactUrgency: 'Impact × urgency',
    override: (reason: string) => `(override: ${reason})`,
    summary: 'Summary',
    description: 'Description',
  },
  none: '—',
} as const;
