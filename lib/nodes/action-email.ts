import { Mail } from "lucide-react";
import { z } from "zod";
import { circuitFallbackField, connectionField } from "./outbound-fields";
import { defineNode } from "./types";

const addressList = z.union([z.string().trim().min(1, "Enter at least one address"), z.array(z.string().trim().min(1)).min(1)]);

/** Sends an e-mail through an SMTP connection. Output: `{ messageId, accepted, rejected }`. */
export const emailAction = defineNode({
  type: "action.email",
  kind: "step",
  category: "action",
  label: "Send e-mail",
  description: "Send an e-mail through an SMTP connection.",
  icon: Mail,
  config: z.object({
    connectionId: connectionField(["smtp"]),
    from: z.string().trim().optional().meta({ title: "From", description: "Empty: the connection's default sender." }),
    to: addressList.meta({ title: "To", description: "One address, several separated by commas, or an expression giving a list.", widget: "text" }),
    cc: z.string().trim().optional().meta({ title: "Cc" }),
    bcc: z.string().trim().optional().meta({ title: "Bcc" }),
    replyTo: z.string().trim().optional().meta({ title: "Reply to" }),
    subject: z.string().trim().min(1, "Enter a subject").max(998).meta({ title: "Subject" }),
    text: z.string().optional().meta({ title: "Text", widget: "textarea" }),
    html: z.string().optional().meta({ title: "HTML", description: "Sent alongside the text version.", widget: "textarea" }),
    circuitFallback: circuitFallbackField,
  }),
  defaults: { connectionId: "", to: "{{ trigger.email }}", subject: "Hello", text: "Hello from Switchboard." },
  async execute({ config, services, signal }) {
    const result = await services.sendEmail({
      connectionId: config.connectionId,
      from: config.from,
      to: config.to,
      cc: config.cc,
      bcc: config.bcc,
      replyTo: config.replyTo,
      subject: config.subject,
      text: config.text,
      html: config.html,
      signal,
    });
    return { output: result };
  },
});
