# A scripted remote SMTP server on loopback: the reply to RCPT (or DATA) depends on the recipient's local part.
import asyncio, sys
R = {
 'nouser':   ('rcpt', "550-5.1.1 The mailbox you tried to reach does not exist here. Check the\r\n550-5.1.1 address for typing errors or stray spaces and try again.\r\n550 5.1.1 See https://help.remote.example/nosuchuser ab12cd"),
 'full':     ('rcpt', "552-5.2.2 The recipient's mailbox is over its storage quota and cannot\r\n552 5.2.2 take more mail right now. Ask them to free some space."),
 'blockip':  ('rcpt', "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using bl.dnsbl.example; https://dnsbl.example/q?127.0.0.1"),
 'grey':     ('rcpt', "450 4.2.0 <grey@remote.example>: Recipient address rejected: Greylisted, please retry in 300 seconds"),
 'disabled': ('rcpt', "550 5.2.1 The account of this user has been disabled or discontinued"),
 'relay':    ('rcpt', "554 5.7.1 <relay@remote.example>: Relay access denied"),
 'dmarc':    ('rcpt', "550-5.7.26 Unauthenticated email from vm is not accepted due to the domain's\r\n550 5.7.26 DMARC policy. Ask the sender's administrator to set up authentication."),
 'spam':     ('data', "554 5.7.1 Message rejected: the content looks like spam (score 14.2)"),
 'toobig':   ('data', "552 5.3.4 Message size exceeds the fixed maximum message size"),
 'virus':    ('data', "554 5.7.0 Message rejected: infected by Eicar-Test-Signature"),
 'ratelim':  ('rcpt', "421 4.7.0 Too many messages from 127.0.0.1 in a short time, try again later"),
 'tempfail': ('rcpt', "451 4.3.0 Temporary local problem - please try later"),
 'mxloop':   ('rcpt', "554 5.4.6 Too many hops: mail loop detected"),
 'badsyntax':('rcpt', "553 5.1.3 Bad recipient address syntax"),
 'unknown2': ('rcpt', "550 Requested action not taken: mailbox unavailable"),
 'policy':   ('rcpt', "550 5.7.1 Recipient rejected by policy: mail from your domain is not accepted here"),
 'noreply':  ('rcpt', "550-No such user here\r\n550-This server does not accept mail for this address.\r\n550 Please remove it from your lists"),
 'sm5':      ('rcpt', "550 5.1.1 <sm5@remote.example>... User unknown"),
 'directip': ('rcpt', "550-5.7.1 [127.0.0.1] The IP you are using to send mail is not authorized to\r\n550-5.7.1 send email directly to our servers. Please use the SMTP relay at your\r\n550 5.7.1 service provider instead."),
 'quota4':   ('rcpt', "452 4.2.2 The email account that you tried to reach is over quota"),
 'nospace4': ('rcpt', "452 4.3.1 Insufficient system storage"),
 'tls':      ('rcpt', "530 5.7.0 Must issue a STARTTLS command first"),
 'norelay2': ('rcpt', "550 5.7.1 Unable to relay"),
 'reput':    ('rcpt', "554 5.7.1 Your access to this mail system has been rejected due to the sending MTA's poor reputation"),
 'spf':      ('rcpt', "550 5.7.23 The message was rejected because of Sender Policy Framework violation"),
 'ptr':      ('rcpt', "550 5.7.25 The IP address sending this message does not have a PTR record setup"),
 'lenlim':   ('data', "552 5.2.3 Message length exceeds administrative limit"),
 'moved':    ('rcpt', "551 5.1.6 User has moved; please try <new@elsewhere.example>"),
 'nullmx':   ('rcpt', "556 5.1.10 Recipient address has null MX"),
 'mbxbusy':  ('rcpt', "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered"),
 'unavail':  ('rcpt', "550 5.2.1 Mailbox unavailable. Your IP has been blocked by the recipient"),
 'contact':  ('rcpt', "550 5.1.1 <contact@remote.example>: Recipient address rejected: User unknown in virtual mailbox table; contact postmaster@remote.example for help"),
 'addrcont': ('rcpt', "550-5.1.1 <addrcont@remote.example>: Recipient address rejected:\r\n550 5.1.1 <addrcont@remote.example>: User unknown in virtual mailbox table"),
 'otheraddr':('rcpt', "550 5.1.1 <someone.else@remote.example>... User unknown"),
 'utf8':     ('rcpt', "550 5.1.1 Адресат не найден / User unknown"),
 'longline': ('rcpt', "550 5.7.1 Message rejected because the sending server is listed by several reputation services (see https://reputation.remote.example/lookup?ip=127.0.0.1&ref=abcdefghijklmnopqrstuvwxyz0123456789 for the full list of listings, their reasons and the steps to be delisted; repeated attempts will extend the listing)"),
 'fullatdata':('data', "552 5.2.2 Mailbox full: user quota exceeded"),
 'josé':     ('rcpt', "550 5.1.1 <josé@remote.example>: Recipient address rejected: User unknown in local recipient table"),
 'helpaddr': ('rcpt', "550 5.1.1 User unknown. Contact postmaster@remote.example or see https://remote.example/help for help"),
}
async def handle(reader, writer):
    def send(s): writer.write((s + "\r\n").encode())
    if MODE == 'greet554':
        send("554 5.7.1 mx.remote.example: Your IP 127.0.0.1 is on our block list; no SMTP service for you"); await writer.drain(); writer.close(); return
    if MODE == 'silent':
        await asyncio.sleep(3600); return
    send("220 mx.remote.example ESMTP ready")
    rcpts = []; state = None
    while True:
        line = await reader.readline()
        if not line: break
        cmd = line.decode('utf-8' if MODE == 'utf8' else 'latin1', 'replace').strip(); u = cmd.upper()
        if u.startswith('EHLO'): send("250-mx.remote.example\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n" + ("250-SMTPUTF8\r\n" if MODE == 'utf8' else "") + "250 8BITMIME")
        elif u.startswith('HELO'): send("250 mx.remote.example")
        elif u.startswith('MAIL'):
            rcpts = []; mailfrom = cmd[cmd.find('<')+1:cmd.rfind('>')] if '<' in cmd else ''
            if MODE == 'mail553': send("553 5.7.1 <bounces@sender.example>: Sender address rejected: not owned by the authenticated user; domain has no SPF record")
            elif MODE == 'mail451': send("451 4.1.8 <bounces@sender.example>: Sender address rejected: Domain not found")
            else: send("250 2.1.0 Ok")
        elif u.startswith('RCPT'):
            addr = cmd[cmd.find('<')+1:cmd.rfind('>')]; lp = addr.split('@')[0]
            kind, reply = R.get(lp, ('ok', None))
            if kind == 'rcpt':
                send(reply)
                if reply.startswith('421'): await writer.drain(); writer.close(); return
            else: rcpts.append(lp); send("250 2.1.5 Ok")
        elif u == 'DATA':
            if not rcpts: send("554 5.5.1 Error: no valid recipients"); continue
            send("354 End data with <CR><LF>.<CR><LF>")
            data = []
            while True:
                l = await reader.readline()
                if not l or l in (b'.\r\n', b'.\n'): break
                data.append(l[1:] if l.startswith(b'..') else l)
            if 'bounces' in rcpts and len(sys.argv) > 2:
                import os, time
                os.makedirs(sys.argv[2], exist_ok=True)
                with open(os.path.join(sys.argv[2], '%d-%d.eml' % (time.time_ns(), id(data))), 'wb') as f:
                    # the envelope sender as a delivering MTA records it (RFC 5321 4.4): <> for notices and auto-replies
                    f.write(('Return-Path: <%s>\n' % mailfrom).encode() + b''.join(data).replace(b'\r\n', b'\n'))
            datarep = "250 2.0.0 Ok: queued as 4XyZ1"
            for lp in rcpts:
                kind, reply = R.get(lp, ('ok', None))
                if kind == 'data': datarep = reply
            send(datarep)
        elif u == 'RSET': send("250 2.0.0 Ok")
        elif u == 'QUIT': send("221 2.0.0 Bye"); await writer.drain(); writer.close(); return
        else: send("502 5.5.2 Error: command not recognized")
        await writer.drain()
MODE = sys.argv[3] if len(sys.argv) > 3 else ''
async def main():
    srv = await asyncio.start_server(handle, '127.0.0.1', int(sys.argv[1]))
    async with srv: await srv.serve_forever()
asyncio.run(main())
