import { MemoryNoteStore } from '../../../fulfillment/notes';
import { runNoteInboxContract } from '../../support/noteInboxContract';
import { runNoteStoreContract } from '../../support/noteStoreContract';

runNoteStoreContract('MemoryNoteStore', (clock) => new MemoryNoteStore({ clock }));
runNoteInboxContract('MemoryNoteStore', async (clock) => new MemoryNoteStore({ clock }));
