// Every command's entry point, loaded as one chunk by src/cli.ts when a command runs.
export {
  runClientAdd,
  runClientContact,
  runClientList,
  runClientService,
  runClientShow,
  runClientUpdate,
} from './client.ts';
export { runCompletion } from './completion.ts';
export { runDbCopy } from './db-copy.ts';
export { runInit } from './init.ts';
export {
  runOutageAttach,
  runOutageDetach,
  runOutageList,
  runOutageOpen,
  runOutageShow,
} from './outage.ts';
export {
  runOutageEta,
  runOutageExtend,
  runOutageLog,
  runOutageNotify,
  runOutagePending,
  runOutageResolve,
  runOutageResume,
} from './outage-cascade.ts';
export { runServe } from './serve.ts';
export { runTokenCreate, runTokenList, runTokenRevoke } from './token.ts';
