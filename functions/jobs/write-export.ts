import { container } from "../shared/container";
import { exportStoreOf } from "../shared/export-store";
import { queueConsumer } from "../shared/queue-consumer";
import { writeExport } from "../use-cases/write-export";

/** Exports queue consumer: writes one staff export's CSV to the bucket. */
export const handler = queueConsumer("exports", async (message) => {
  const ports = container();
  const { reports, directory, exportJobs, clock, rules } = ports;
  const outcome = await writeExport(
    { reports, directory, exportJobs, exportFiles: exportStoreOf(ports), clock, rules },
    message.exportId,
  );
  return { exportId: message.exportId, ...outcome };
});
