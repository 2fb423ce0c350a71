import { MemoryNoteStore } from '../../../fulfillment/notes';
import { runNoteStoreContract } from '../../support/noteStoreContract';

runNoteStoreContract('MemoryNoteStore', (clock) => new MemoryNoteStore({ clock }));
