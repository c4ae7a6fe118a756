import { container } from "../shared/container";
import { queueConsumer } from "../shared/queue-consumer";
import { writeExport } from "../use-cases/write-export";

/** Exports queue consumer: writes one staff export's CSV to the bucket. */
export const handler = queueConsumer("exports", async (message) => ({
  exportId: message.exportId,
  ...(await writeExport(container(), message.exportId)),
}));
