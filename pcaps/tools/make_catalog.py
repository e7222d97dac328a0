#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""One-off writer of pcaps/transcripts/catalog.txt: one request for every N:
operation of doc/protocol.md "Operations", each answered 200 OK, and one BN for every event
type of doc/protocol.md "Events".  Bodies follow the shapes doc/protocol.md quotes; numbers are
made up.  The transcript is the source afterwards; this shows its making.
"""

import os

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "transcripts", "catalog.txt")
U = "sip:638993408@fetion.com.cn;p=2242"
G = "sip:PG5709625@fetion.com.cn;p=1414"

# (method, N, body) in the order of doc/protocol.md "SIP-C/2.0 operations" and "SIP-C/4.0 operations"
REQUESTS = [
    ("S", "GetPersonalInfo", '<args><personal attributes="all" /><services version="" attributes="all" /></args>'),
    ("S", "GetContactList", '<args><contacts><buddy-lists /><buddies attributes="all" /></contacts></args>'),
    ("S", "GetContactsInfo", f'<args><contacts attributes="nickname"><contact uri="{U}" version="17" /></contacts></args>'),
    ("SUB", "presence", f'<args><subscription><contacts><contact uri="{U}" /></contacts></subscription></args>'),
    ("S", "SetPresence", '<args><presence><basic value="850" /></presence></args>'),
    ("S", "GetOfflineMessages", ""),
    ("S", "GetScore", ""),
    ("S", "GetGlobalPermission", '<args><permissions objects="all" /></args>'),
    ("S", "GetContactPermission", '<args><permissions all="1" objects="all" /></args>'),
    ("S", "SetPersonalConfig", '<args><config version="1" /></args>'),
    ("S", "SetPersonalInfo", '<args><personal impresa="busy day" /></args>'),
    ("S", "AddBuddy", f'<args><contacts><buddies><buddy uri="{U}" buddy-lists="" desc="me" addbuddy-phrase-id="0" /></buddies></contacts></args>'),
    ("S", "AddMobileBuddy", '<args><contacts><mobile-buddies><mobile-buddy uri="tel:13800138001" buddy-lists="1" desc="me" invite="0" /></mobile-buddies></contacts></args>'),
    ("S", "DeleteBuddy", f'<args><contacts><buddies><buddy uri="{U}" /></buddies></contacts></args>'),
    ("S", "SetBuddyInfo", f'<args><contacts><buddies><buddy uri="{U}" local-name="Bob" /></buddies></contacts></args>'),
    ("S", "SetBuddyLists", f'<args><contacts><buddies><buddy uri="{U}" buddy-lists="2" /></buddies></contacts></args>'),
    ("S", "CreateBuddyList", '<args><contacts><buddy-lists><buddy-list name="Work" /></buddy-lists></contacts></args>'),
    ("S", "DeleteBuddyList", '<args><contacts><buddy-lists><buddy-list id="2" /></buddy-lists></contacts></args>'),
    ("S", "SetBuddyListInfo", '<args><contacts><buddy-lists><buddy-list id="1" name="Friends" /></buddy-lists></contacts></args>'),
    ("S", "CreateTemporaryGroup", f'<args><participants><participant uri="{U}"/></participants></args>'),
    ("S", "PGGetGroupList", '<args><group-list version="0" attributes="name;identity" /></args>'),
    ("S", "PGGetGroupInfo", f'<args><groups attributes="all"><group uri="{G}" /></groups></args>'),
    ("S", "PGGetPersonalInfo", f'<args><personal-properties attributes="all"><personal-property group-uri="{G}" /></personal-properties></args>'),
    ("S", "PGGetGroupMembers", f'<args><groups attributes="member-uri"><group uri="{G}" /></groups></args>'),
    ("S", "PGHandleApplication", f'<args><authorizes><authorize group-uri="{G}" apply-user-uri="{U}" approve-advice="1" note="" /></authorizes></args>'),
    ("S", "PGSetPresence", f'<args><groups><group uri="{G}"><presence><basic value="400" client-type="PC" /></presence></group></groups></args>'),
    ("SUB", "PGPresence", f'<args><subscription><groups><group uri="{G}" /></groups></subscription></args>'),
    ("M", "SendSMS", "sms text"),
    ("M", "SendCatSMS", "long sms text"),
    ("R", "KeepAlive", '<args><credentials domains="fetion.com.cn"/></args>'),
    ("O", "KeepConnectionBusy", ""),
    ("SUB", "PresenceV4", '<args><subscription self="v4default;mail-count" buddy="v4default" version="0"/></args>'),
    ("S", "SetPresenceV4", '<args><presence><basic value="500"/></presence></args>'),
    ("S", "SetUserInfoV4", '<args><userinfo><personal impresa="hello" version="0"/></userinfo></args>'),
    ("S", "GetContactInfoV4", '<args><contact user-id="295098062"/></args>'),
    ("S", "GetContactsInfoV4", '<args><contacts><contact user-id="295098062"/></contacts></args>'),
    ("S", "AddBuddyV4", f'<args><contacts><buddies><buddy uri="{U}" buddy-lists="" desc="me" expose-mobile-no="1" expose-name="1" addbuddy-phrase-id="0" /></buddies></contacts></args>'),
    ("S", "AddMobileBuddyV4", '<args><contacts><mobile-buddies><mobile-buddy uri="tel:13800138002" buddy-lists="1" desc="me" /></mobile-buddies></contacts></args>'),
    ("S", "DeleteBuddyV4", '<args><contacts><buddies><buddy user-id="295098062" /></buddies></contacts></args>'),
    ("S", "HandleContactRequestV4", f'<args><contacts><buddies><buddy user-id="295098062" uri="{U}" result="1" buddy-lists="" expose-mobile-no="1" expose-name="1" local-name="Bob"/></buddies></contacts></args>'),
    ("S", "SetContactInfoV4", '<args><contacts><contact user-id="295098062" local-name="Bob" /></contacts></args>'),
    ("S", "AddToBlacklist", f'<args><contacts><blacklist><blocked uri="{U}" /></blacklist></contacts></args>'),
    ("S", "RemoveFromBlacklistV4", '<args><contacts><blacklist><blocked user-id="295098062" /></blacklist></contacts></args>'),
    ("S", "GetAddressListV4", '<args><contacts version="0" /></args>'),
    ("S", "StartChat", ""),
    ("S", "InviteBuddy", f'<args><contacts><contact uri="{U}" /></contacts></args>'),
    ("M", "CatMsg", "chat text"),
    ("M", "SendDirectCatSMS", "direct sms"),
    ("O", "DirectSMS", ""),
    ("M", "PGSendCatSMS", "group sms"),
    ("S", "PGGetGroupTopic", "<args><topic-list /></args>"),
    ("S", "SSGetScheduleSmsList", "<args><schedule-sms-list version=\"0\" /></args>"),
    ("S", "SSGetScheduleSms", '<args><schedule-sms-list><schedule-sms id="1" /></schedule-sms-list></args>'),
    ("S", "SSSetScheduleCatSms", f'<args><schedule-sms send-time="2011-3-5 12:0:0" type="0"><message>hi</message><receivers><receiver uri="{U}" /></receivers></schedule-sms></args>'),
    ("S", "SSSetScheduleSms", f'<args><schedule-sms send-time="2011-3-5 12:0:0" type="0"><message>hi</message><receivers><receiver uri="{U}" /></receivers></schedule-sms></args>'),
    ("S", "SSDeleteScheduleSms", '<args><schedules><schedule id="1" /></schedules></args>'),
    ("S", "StartTransfer", ""),
]

# (N package, event type, body of the event) in the order of doc/protocol.md "Events"
EVENTS = [
    ("presence", "PresenceChanged", f'<presence uri="{U}"><basic value="100" desc="" /></presence>'),
    ("presence", "SubscribeResult", f'<results><subscription><contacts><contact uri="{U}" /></contacts></subscription></results>'),
    ("PresenceV4", "PresenceChanged", f'<contacts><c id="295098062"><p v="0" sid="638993408" su="{U}" n="bob"/><pr di="PCCL1" b="600" d="" dt="PC" dc="137"/></c></contacts>'),
    ("contact", "ServiceResult", f'<results><contacts><contact uri="{U}" /></contacts></results>'),
    ("contact", "AddBuddyApplication", f'<application uri="{U}" user-id="295098062" desc="bob" addbuddy-phrase-id="0"/>'),
    ("contact", "UpdateBuddy", f'<contacts><buddies><buddy uri="{U}" /></buddies></contacts>'),
    ("contact", "UpdateMobileBuddy", '<contacts><mobile-buddies><mobile-buddy uri="tel:13800138001" /></mobile-buddies></contacts>'),
    ("contact", "DeleteBuddy", f'<contacts><buddies><buddy uri="{U}" /></buddies></contacts>'),
    ("contact", "AddBuddy", f'<contacts><buddies><buddy uri="{U}" /></buddies></contacts>'),
    ("Conversation", "UserEntered", f'<member uri="{U}"/>'),
    ("Conversation", "UserLeft", f'<member uri="{U}"/>'),
    ("Conversation", "UserFailed", f'<member uri="{U}"/>'),
    ("Conversation", "Support", "text/html-fragment;multiparty;nudge"),
    ("registration", "deregistered", ""),
    ("registration", "disconnect", ""),
    ("SyncUserInfoV4", "SyncUserInfo", f'<user-info><contact-list version="1"><buddies><buddy action="add" user-id="295098062" uri="{U}" relation-status="1"/></buddies></contact-list></user-info>'),
    ("PGGroup", "PresenceChanged", f'<group uri="{G}"><member uri="{U}" state="400" client-type="PC" /></group>'),
    ("PGGroup", "ApplyGroup", f'<group uri="{G}"><user uri="{U}" nickname="bob" note="let me in"/></group>'),
    ("PGGroup", "PGGetGroupInfo", f'<group uri="{G}" name="team"/>'),
    ("PGGroup", "PGGetGroupMembers", f'<group uri="{G}"><member uri="{U}"/></group>'),
    ("PGPresence", "SubscribeResult", f'<results><groups><group uri="{G}" /></groups></results>'),
    ("SystemNotifyV4", "MobileMailBoxChanged", '<mail unread-count="1"/>'),
    ("permission", "PermissionChanged", '<permissions><permission name="presence" value="1"/></permissions>'),
    ("OperationNotify", "OperationChanged", ""),
    ("compact", "ContactListChanged", ""),
]


def message(lines, body):
    out = list(lines)
    if body:
        out.append(f"L: {len(body.encode())}")
    out.append("")
    if body:
        out.append(body)
    out.append("")
    return out


def main():
    out = ["# Every N: operation of doc/protocol.md \"Operations\" once, each answered 200 OK, then a BN",
           "# for every event package and type of doc/protocol.md \"Events\" (written by",
           "# pcaps/tools/make_catalog.py; bodies in the shapes doc/protocol.md quotes, the",
           "# event types of permission, OperationNotify and compact made up: doc/protocol.md",
           "# names no type for them).",
           "connection main client=10.0.0.3:40200 server=221.176.31.128:8080",
           "start 2011-03-06 08:00:00", ""]
    seq = 0
    for method, n, body in REQUESTS:
        seq += 1
        uri = "fetion.com.cn"
        hdr = [f"--- main c2s +1", f"{method} {uri} SIP-C/4.0", "F: 916098834", f"I: {seq}", f"Q: 2 {method}",
               f"N: {n}"]
        if method == "M":
            hdr.append(f"T: {U}")
        out += message(hdr, body)
        out += message(["--- main s2c +0.1", "SIP-C/4.0 200 OK", f"I: {seq}", f"Q: 2 {method}"], "")
    q = 0
    for package, etype, inner in EVENTS:
        q += 1
        body = f'<events><event type="{etype}">{inner}</event></events>'
        out += message(["--- main s2c +1", "BN 916098834 SIP-C/4.0", f"N: {package}", "I: 1", f"Q: {q} BN"], body)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
