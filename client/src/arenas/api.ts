import type {
  Arena, ArenaCreate, ArenaPage, ArenaPatch, CalendarFeedCreated, CalendarFeedStatus, Meeting, MeetingAnswer, MeetingAttendance, MeetingCreate,
  MeetingInvitationList, MeetingInvite, MeetingPage, MeetingPatch, MyMeeting, MyMeetingList,
} from '@lagverk/shared';
import { request, type QueryValue } from '../api/client.ts';

const arenaPath = (id: string) => `/arenas/${encodeURIComponent(id)}`;
const meetingPath = (id: string) => `/arena-meetings/${encodeURIComponent(id)}`;

export const listArenas = (query: Record<string, QueryValue>) => request<ArenaPage>('/arenas', { query });
export const getArena = (id: string) => request<Arena>(arenaPath(id));
export const createArena = (body: ArenaCreate) => request<Arena>('/arenas', { method: 'POST', body });
export const updateArena = (id: string, version: number, body: ArenaPatch) => request<Arena>(arenaPath(id), { method: 'PATCH', body, ifMatch: version });

export const listMeetings = (query: Record<string, QueryValue>) => request<MeetingPage>('/arena-meetings', { query });
export const getMeeting = (id: string) => request<Meeting>(meetingPath(id));
export const createMeeting = (arenaId: string, body: MeetingCreate) => request<Meeting>(`${arenaPath(arenaId)}/meetings`, { method: 'POST', body });
export const updateMeeting = (meeting: Meeting, body: MeetingPatch) => request<Meeting>(meetingPath(meeting.id), { method: 'PATCH', body, ifMatch: meeting.version });
export const updateMeetingVersion = (id: string, version: number, body: MeetingPatch) => request<Meeting>(meetingPath(id), { method: 'PATCH', body, ifMatch: version });
export const deleteMeeting = (meeting: Meeting) => request<undefined>(meetingPath(meeting.id), { method: 'DELETE', ifMatch: meeting.version });
/** The arena's members by default; `{ members: false, personIds }` invites only those people. */
export const inviteToMeeting = (id: string, body: MeetingInvite = { members: true }) =>
  request<MeetingInvitationList>(`${meetingPath(id)}/invitations`, { method: 'POST', body });
export const recordAttendance = (id: string, body: MeetingAttendance) => request<MeetingInvitationList>(`${meetingPath(id)}/attendance`, { method: 'PUT', body });

export const myInvitations = () => request<MyMeetingList>('/me/meeting-invitations');
export const answerInvitation = (meetingId: string, answer: MeetingAnswer) =>
  request<MyMeeting>(`/me/meeting-invitations/${encodeURIComponent(meetingId)}/answer`, { method: 'POST', body: { answer } });
export const feedStatus = () => request<CalendarFeedStatus>('/me/calendar-feed');
export const createFeed = () => request<CalendarFeedCreated>('/me/calendar-feed', { method: 'POST' });
export const deleteFeed = () => request<undefined>('/me/calendar-feed', { method: 'DELETE' });
